using LoanPlatform.Loans.Workflows;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Loans.Tests;

public sealed class WorkflowCatalogTests
{
    public static WorkflowCatalog LoadShipped() => Load(Path.Combine(AppContext.BaseDirectory, "workflows"));

    private static WorkflowCatalog Load(string folder) =>
        new(Options.Create(new WorkflowOptions { WorkflowsPath = folder }));

    [Fact]
    public void The_shipped_definitions_match_their_schema_and_define_the_cash_loan_tiers()
    {
        var catalog = LoadShipped();
        var cash = catalog.FindLatest("cash-loan")!;

        Assert.Equal("cash-loan", catalog.DefaultProduct);
        Assert.Equal((1_000_000L, 200_000_000L), (cash.Amount.Min, cash.Amount.Max));
        Assert.Equal((3L, 36L), (cash.TenorMonths.Min, cash.TenorMonths.Max));
        Assert.Equal(["LoanOfficer"], cash.StagesFor(50_000_000).Select(s => s.Role));
        Assert.Equal(["LoanOfficer", "SeniorLoanOfficer"], cash.StagesFor(50_000_001).Select(s => s.Role));
    }

    [Fact]
    public void A_definition_that_breaks_the_schema_stops_the_catalog_with_the_reason()
    {
        var folder = CopyShipped();
        var file = Path.Combine(folder, "cash-loan.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"role\": \"SeniorLoanOfficer\"", "\"role\": \"Intern\"", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => Load(folder));

        Assert.Contains("does not match its schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tiers_must_end_with_an_open_tier()
    {
        var folder = CopyShipped();
        var file = Path.Combine(folder, "cash-loan.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"upToAmount\": null", "\"upToAmount\": 900000000", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => Load(folder));

        Assert.Contains("upToAmount null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_version_becomes_the_latest_while_the_old_one_stays_available_to_loans_in_flight()
    {
        var folder = CopyShipped();
        var v2 = File.ReadAllText(Path.Combine(folder, "cash-loan.json"))
            .Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)
            .Replace("\"upToAmount\": 50000000", "\"upToAmount\": 25000000", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "cash-loan.v2.json"), v2);

        var catalog = Load(folder);

        Assert.Equal(2, catalog.FindLatest("cash-loan")!.Version);
        Assert.Equal(50_000_000, catalog.Get("cash-loan", 1).Approval.Tiers[0].UpToAmount);
        Assert.Equal(25_000_000, catalog.Get("cash-loan", 2).Approval.Tiers[0].UpToAmount);
    }

    private static string CopyShipped()
    {
        var from = Path.Combine(AppContext.BaseDirectory, "workflows");
        var to = Path.Combine(Path.GetTempPath(), "workflows-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }
}
