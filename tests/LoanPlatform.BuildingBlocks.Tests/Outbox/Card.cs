using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>A second aggregate with its own outbox, for a service that has more than one.</summary>
public sealed record Card(string Id) : IHasOutbox<Card>
{
    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    public bool HasPendingEvents => PendingEvents.Count > 0;

    public Card WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };
}
