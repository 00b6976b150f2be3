namespace LoanPlatform.BuildingBlocks.Outbox;

public static class HasOutboxExtensions
{
    /// <summary>The aggregate with <paramref name="outboxEvent"/> queued after the events still pending, to be stored in the same write.</summary>
    public static T WithEvent<T>(this T aggregate, OutboxEvent outboxEvent) where T : class, IHasOutbox<T> =>
        aggregate.WithPendingEvents([.. aggregate.PendingEvents, outboxEvent]);
}
