namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// Somewhere an event goes once its state change is committed: the notifications queue, the integration-events topic,
/// the audit trail. Delivery is at least once: a publisher may see an event again after a crash or a sweep.
/// </summary>
public interface IOutboxPublisher
{
    Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken);
}
