namespace LoanPlatform.Testing.Platform.CrashDrill;

/// <summary>How long and how hard a drill runs, and on which backend (extra settings for the local host).</summary>
public sealed record CrashDrillOptions
{
    public int Kills { get; init; } = 3;

    public int Loans { get; init; } = 12;

    /// <summary>How long the platform runs under load before each kill, chosen at random in this range.</summary>
    public TimeSpan MinRun { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRun { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Every Nth stop is a SIGTERM with work in flight instead of a SIGKILL (0: never), to check a clean stop.</summary>
    public int CleanStopEvery { get; init; } = 3;

    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>Patience for the work left after the last restart (the Azure Storage profile waits out queue visibility timeouts).</summary>
    public TimeSpan FinishTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Settings for the local host on top of the drill's own (e.g. Durable:Backend and its connection string).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public required int SmtpPort { get; init; }

    public required string SmtpFolder { get; init; }

    public Action<string> Log { get; init; } = _ => { };
}
