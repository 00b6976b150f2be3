using LoanPlatform.Loans.Domain;
using LoanPlatform.Loans.Model;

namespace LoanPlatform.Loans.Tests;

public sealed class LoanScorerTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static readonly ApplicantKyc Verified = new(ApplicantKyc.Verified, DateTimeOffset.Parse("2026-11-20T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "staff-admin", "Admin", null);

    private static LoanApplication Loan(long amount = 10_000_000, int tenor = 12, long income = 15_000_000) => new()
    {
        LoanId = "l1",
        ApplicantId = "u1",
        Product = "cash-loan",
        WorkflowVersion = 1,
        Amount = amount,
        TenorMonths = tenor,
        Purpose = "Renovasi",
        MonthlyIncome = income,
        Status = LoanStatus.Submitted,
        SubmittedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void A_strong_application_passes_every_hard_rule_and_lands_in_band_A_with_its_reasons()
    {
        var result = LoanScorer.Score(Loan(), WorkflowCatalogTests.LoadShipped().FindLatest("cash-loan")!, new ApplicantProfile("u1", Verified, new DateOnly(1990, 6, 5)), Today, 925_133);

        Assert.False(result.HardRuleFailed);
        Assert.Equal(("A", 800), (result.Band, result.Score));
        Assert.Contains(result.Reasons, r => r.Rule == "debt-service-ratio" && r.Passed && r.Explanation.Contains("6.2%", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2006-01-01", 925_133, 15_000_000, "minimum-age")]
    [InlineData("1961-06-01", 925_133, 15_000_000, "age-at-maturity")]
    [InlineData("1990-06-05", 925_133, 2_000_000, "debt-service-ratio")]
    public void A_failed_hard_rule_rejects_and_names_the_rule(string birth, long installment, long income, string failedRule)
    {
        var result = LoanScorer.Score(Loan(income: income), WorkflowCatalogTests.LoadShipped().FindLatest("cash-loan")!,
            new ApplicantProfile("u1", Verified, DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture)), Today, installment);

        Assert.True(result.HardRuleFailed);
        Assert.Equal("D", result.Band);
        Assert.Equal([failedRule], result.Reasons.Where(r => !r.Passed && r.Points == 0 && IsHard(r.Rule)).Select(r => r.Rule));
    }

    [Fact]
    public void Age_counts_whole_years_up_to_the_day_before_the_birthday()
    {
        Assert.Equal(35, LoanScorer.AgeOn(new DateOnly(1990, 11, 26), Today));
        Assert.Equal(36, LoanScorer.AgeOn(new DateOnly(1990, 11, 25), Today));
    }

    private static bool IsHard(string rule) => rule is "minimum-age" or "age-at-maturity" or "kyc-verified" or "product-limits" or "debt-service-ratio";
}
