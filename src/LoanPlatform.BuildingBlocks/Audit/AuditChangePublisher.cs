using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// Audits every event leaving this service's outbox as the change it records. Delivery is at least once (dispatcher and
/// sweeper); the trail keeps one record per event id.
/// </summary>
public sealed class AuditChangePublisher(IAuditChangeSink sink, string resourcePrefix) : IOutboxPublisher
{
    public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken) =>
        sink.RecordAsync(AuditedChange.From(outboxEvent, resourcePrefix), cancellationToken);
}
