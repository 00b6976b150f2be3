namespace LoanPlatform.EndToEnd.Tests;

/// <summary>One platform shared by a test class; SLA hours last a second so escalation and expiry are watchable.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public RunningPlatform Running { get; private set; } = null!;

    public async Task InitializeAsync() => Running = await RunningPlatform.StartAsync(new Dictionary<string, string?>
    {
        ["Loans:SlaHour"] = "00:00:10",
    });

    public async Task DisposeAsync() => await Running.DisposeAsync();
}
