namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// A publisher that takes the events of one document together, in their order, in one call: the audit trail writes them
/// in one block instead of one each. The dispatcher hands it a document's events before the others get them one by one.
/// </summary>
public interface IOutboxBatchPublisher : IOutboxPublisher
{
    Task PublishManyAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken);
}
