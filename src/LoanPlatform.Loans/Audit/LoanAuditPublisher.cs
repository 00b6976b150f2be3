using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Loans.Audit;

/// <summary>
/// Writes each loan transition to the audit trail as it leaves the outbox, so a state change is audited exactly when it
/// was committed, with the actor and role the event carries. Delivery is at least once: a re-sent event appears again.
/// </summary>
public sealed class LoanAuditPublisher(AuditTrail trail) : IOutboxPublisher
{
    public async Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        if (outboxEvent.Type != EventTypes.LoanStatusChanged)
        {
            return;
        }

        var change = outboxEvent.PayloadAs<LoanStatusChanged>();
        await trail.AppendAsync(new AuditRecord(
            change.ChangedAt, change.ActorId, change.ActorRole, $"{EventTypes.LoanStatusChanged} {change.From}->{change.To}", $"/loans/{change.LoanId}",
            "success", StatusCode: null, CorrelationId: null, ClientIp: null, UserAgent: null), cancellationToken);
    }
}
