namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// How often an aggregate write that lost an ETag race is tried again on a fresh read, and how long it waits between
/// tries. One policy for every aggregate: the races are short (another transition, the outbox clearing published events),
/// so a few jittered tries settle them, and a write that still loses after the last one is reported, not looped on.
/// </summary>
public sealed record WriteConflictPolicy(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public static WriteConflictPolicy Default { get; } = new(8, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(100));

    /// <summary>The wait after the <paramref name="failedAttempt"/>th try lost: full jitter over an exponentially growing ceiling.</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, failedAttempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
