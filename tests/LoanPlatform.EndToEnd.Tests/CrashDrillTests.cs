using LoanPlatform.Testing;
using LoanPlatform.Testing.Platform.CrashDrill;
using Xunit.Abstractions;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>
/// The crash drill, short enough for CI: the local host in its own process, a mix of lifecycles, SIGKILLs (and a SIGTERM
/// with work in flight) at random moments, then every promise checked. bench/LoanPlatform.CrashDrill runs the long one.
/// </summary>
[Collection(nameof(AzureStorageRestartTests))]
public sealed class CrashDrillTests(SmtpCaptureFixture smtp, AzuriteFixture azurite, ITestOutputHelper output)
    : IClassFixture<SmtpCaptureFixture>, IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task On_the_in_memory_engine_nothing_acknowledged_is_lost_or_done_twice_across_kills()
    {
        var report = await new CrashDrill(Options(new Dictionary<string, string?>())).RunAsync();

        output.WriteLine(report.ToString());
        Assert.True(report.Violations.Count == 0, report.ToString());
        Assert.True(report.Kills >= 3 && report.CommandsAcknowledged > report.Loans, report.ToString());
    }

    [Fact]
    public async Task On_the_Azure_Storage_backend_nothing_acknowledged_is_lost_or_done_twice_across_kills()
    {
        var report = await new CrashDrill(Options(new Dictionary<string, string?>
        {
            ["Durable:Backend"] = "AzureStorage",
            ["Durable:AzureStorageConnectionString"] = azurite.ConnectionString,
            ["Durable:TaskHubName"] = "drill" + Guid.NewGuid().ToString("N")[..8],
        }) with { Kills = 2, CleanStopEvery = 2, Loans = 8, FinishTimeout = TimeSpan.FromMinutes(4) }).RunAsync();

        output.WriteLine(report.ToString());
        Assert.True(report.Violations.Count == 0, report.ToString());
        Assert.True(report.Kills >= 2 && report.CommandsAcknowledged > report.Loans, report.ToString());
    }

    private CrashDrillOptions Options(Dictionary<string, string?> settings) => new()
    {
        Kills = 3,
        Loans = 12,
        CleanStopEvery = 3,
        SmtpPort = smtp.Port,
        SmtpFolder = smtp.Folder,
        Settings = settings,
        Log = output.WriteLine,
    };
}
