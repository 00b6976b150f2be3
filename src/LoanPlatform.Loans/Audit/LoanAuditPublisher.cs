using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Loans.Audit;

/// <summary>
/// Writes each loan transition to the audit trail as it leaves the outbox, so a state change is audited exactly when it
/// was committed, with the actor and role the event carries and the correlation id of the request that caused it.
/// Delivery is at least once (dispatcher and sweeper); the trail keeps one record per event id.
/// </summary>
public sealed class LoanAuditPublisher(AuditTrail trail) : IOutboxPublisher
{
    public async Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        if (outboxEvent.Type == EventTypes.LoanReferredToApplicant)
        {
            // Not a status change, but a change all the same: the officer handed the wait to the applicant.
            await trail.AppendAsync(AuditedChange.From(outboxEvent, "/loans").ToRecord(), cancellationToken);
            return;
        }

        if (outboxEvent.Type != EventTypes.LoanStatusChanged)
        {
            return;
        }

        var change = outboxEvent.PayloadAs<LoanStatusChanged>();
        await trail.AppendAsync(new AuditRecord(
            change.ChangedAt, change.ActorId, change.ActorRole, $"{EventTypes.LoanStatusChanged} {change.From}->{change.To}", $"/loans/{change.LoanId}",
            "success", StatusCode: null, outboxEvent.CorrelationId, ClientIp: null, UserAgent: null) { SourceEventId = outboxEvent.EventId }, cancellationToken);
    }
}
