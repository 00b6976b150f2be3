using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Loans.Model;

namespace LoanPlatform.Loans.Services;

/// <summary>The events a loan transition raises: always LoanStatusChanged, plus the final outcome, and the decision metrics.</summary>
internal static class LoanEvents
{
    public static IEnumerable<OutboxEvent> Of(LoanStatus from, LoanApplication loan, string actorId, string actorRole, DateTimeOffset at, string? correlationId)
    {
        yield return OutboxEvent.Create(EventTypes.LoanStatusChanged, LoanStatusChanged.Version, loan.LoanId,
            new LoanStatusChanged(loan.LoanId, loan.ApplicantId, from.ToString(), loan.Status.ToString(), actorId, actorRole, at), at, correlationId);

        var first = loan.Schedule.Count > 0 ? loan.Schedule[0] : null;
        var outcome = loan.Status switch
        {
            LoanStatus.Approved => OutboxEvent.Create(EventTypes.LoanApproved, LoanApproved.Version, loan.LoanId, new LoanApproved(
                loan.LoanId, loan.ApplicantId, loan.Product, loan.ApprovedAmount ?? loan.Amount, "IDR", loan.TenorMonths, loan.MonthlyRatePercent,
                first?.Total ?? 0, first?.DueDate, at), at, correlationId),
            LoanStatus.Rejected => OutboxEvent.Create(EventTypes.LoanRejected, LoanRejected.Version, loan.LoanId,
                new LoanRejected(loan.LoanId, loan.ApplicantId, loan.Product, loan.Amount, from == LoanStatus.Scoring, at), at, correlationId),
            LoanStatus.Cancelled => OutboxEvent.Create(EventTypes.LoanCancelled, LoanClosed.Version, loan.LoanId,
                new LoanClosed(loan.LoanId, loan.ApplicantId, loan.Product, loan.Amount, at), at, correlationId),
            LoanStatus.Expired => OutboxEvent.Create(EventTypes.LoanExpired, LoanClosed.Version, loan.LoanId,
                new LoanClosed(loan.LoanId, loan.ApplicantId, loan.Product, loan.Amount, at), at, correlationId),
            _ => null,
        };
        if (outcome is not null)
        {
            LoansTelemetry.RecordOutcome(loan, at);
            yield return outcome;
        }
    }
}
