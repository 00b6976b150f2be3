using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>A minimal aggregate with its own outbox.</summary>
public sealed record Account(string Id, long Balance) : IHasOutbox<Account>
{
    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    public bool HasPendingEvents => PendingEvents.Count > 0;

    public Account WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };

    /// <summary>Set for an account that expires, as a refresh session does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public TimeSpan? TimeToLiveAt(DateTimeOffset now) => ExpiresAt - now;
}
