namespace LoanPlatform.BuildingBlocks.Outbox;

public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the local sweeper looks for events left unpublished (the Function apps use a timer trigger).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Events younger than this are left to the dispatcher that runs right after the commit, so the sweeper does not race
    /// it — and a registration still being completed is not announced before it is.
    /// </summary>
    public TimeSpan MinimumAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a consumer's unfinished claim on an event holds off other deliveries (<see cref="EventDeduplicator"/>);
    /// an older one is taken to belong to a consumer that crashed. Longer than any delivery takes.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);
}
