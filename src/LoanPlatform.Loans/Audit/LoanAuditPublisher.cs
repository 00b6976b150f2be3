using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Loans.Audit;

/// <summary>
/// Writes each loan transition to the audit trail as it leaves the outbox, so a state change is audited exactly when it
/// was committed, with the actor and role the event carries and the correlation id of the request that caused it. A
/// write's transitions go together (scoring's two in one block), and wait up to <see cref="AuditTrail.GatherWindow"/>
/// for other writes' records and the gateway's to share the block: the loan publishes in the background
/// (<see cref="OutboxPublishing.InTheBackground"/>), and the events stay in its outbox until the block is written.
/// Delivery is at least once (relay and sweeper); the trail keeps one record per event id.
/// </summary>
public sealed class LoanAuditPublisher(AuditTrail trail) : IOutboxBatchPublisher
{
    public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken) => PublishManyAsync([outboxEvent], cancellationToken);

    public async Task PublishManyAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        var records = events.Select(RecordOf).OfType<AuditRecord>().ToList();
        if (records.Count > 0)
        {
            await trail.AppendManyAsync(records, deduplicate: true, AuditTrail.GatherWindow, cancellationToken);
        }
    }

    private static AuditRecord? RecordOf(OutboxEvent outboxEvent)
    {
        if (outboxEvent.Type == EventTypes.LoanReferredToApplicant)
        {
            // Not a status change, but a change all the same: the officer handed the wait to the applicant.
            return AuditedChange.From(outboxEvent, "/loans").ToRecord();
        }

        if (outboxEvent.Type != EventTypes.LoanStatusChanged)
        {
            return null;
        }

        var change = outboxEvent.PayloadAs<LoanStatusChanged>();
        return new AuditRecord(
            change.ChangedAt, change.ActorId, change.ActorRole, $"{EventTypes.LoanStatusChanged} {change.From}->{change.To}", $"/loans/{change.LoanId}",
            "success", StatusCode: null, outboxEvent.CorrelationId, ClientIp: null, UserAgent: null) { SourceEventId = outboxEvent.EventId };
    }
}
