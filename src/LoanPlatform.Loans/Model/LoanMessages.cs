using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Loans.Domain;

namespace LoanPlatform.Loans.Model;

public sealed record ApplyForLoanRequest(long? Amount, int? TenorMonths, string? Purpose, long? MonthlyIncome, string? Product);

public sealed record LoanAccepted(string LoanId, LoanStatus Status);

public sealed record DecisionRequest(string? Decision, string? Reason, long? ApprovedAmount);

public sealed record CancelRequest(string? Reason);

public sealed record ProvideInformationRequest(string? Message);

/// <param name="DecidedBy">The deciding officer's id for staff; for the applicant only their role.</param>
public sealed record LoanStageView(string Name, string WaitingForRole, DateTimeOffset? Deadline, bool Escalated, string? DecidedBy, DecisionKind? Decision);

/// <summary>
/// A loan as its reader may see it. Staff get the evidence to decide from the loan alone (<see cref="Kyc"/>,
/// <see cref="SchedulePreview"/>, <see cref="History"/>; the score's reasons are in <see cref="Score"/>); the applicant
/// never sees a staff member's id, only the role.
/// </summary>
public sealed record LoanView(
    string LoanId,
    string ApplicantId,
    LoanStatus Status,
    string Product,
    long Amount,
    long? ApprovedAmount,
    int TenorMonths,
    string Purpose,
    decimal MonthlyRatePercent,
    string InterestMethod,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    ScoreResult? Score,
    LoanStageView? CurrentStage,
    IReadOnlyList<LoanStageView> Stages,
    ApplicantKyc? Kyc = null,
    IReadOnlyList<RepaymentInstallment>? SchedulePreview = null,
    IReadOnlyList<LoanHistoryEntry>? History = null)
{
    public static LoanView From(LoanApplication loan, bool forStaff, DateOnly today)
    {
        var stages = loan.Stages
            .Select(s => new LoanStageView(s.Name, s.CurrentRole, s.Deadline, s.Escalated, forStaff ? s.Decision?.OfficerId : s.Decision?.Role, s.Decision?.Kind))
            .ToArray();
        var view = new LoanView(
            loan.LoanId, loan.ApplicantId, loan.Status, loan.Product, loan.Amount, loan.ApprovedAmount, loan.TenorMonths, loan.Purpose,
            loan.MonthlyRatePercent, loan.InterestMethod, loan.SubmittedAt, loan.UpdatedAt, loan.Score,
            loan.Status == LoanStatus.PendingApproval && loan.CurrentStage < stages.Length ? stages[loan.CurrentStage] : null,
            stages);
        return forStaff
            ? view with { Kyc = loan.Kyc, SchedulePreview = SchedulePreviewOf(loan, today), History = loan.History }
            : view;
    }

    /// <summary>The schedule the loan has once approved, else the one it would have from <paramref name="today"/>.</summary>
    private static IReadOnlyList<RepaymentInstallment> SchedulePreviewOf(LoanApplication loan, DateOnly today) =>
        loan.Schedule.Count > 0
            ? loan.Schedule
            : RepaymentScheduleCalculator.Calculate(loan.ApprovedAmount ?? loan.Amount, loan.TenorMonths, loan.MonthlyRatePercent, loan.InterestMethod, loan.OriginationFeePercent, today);
}

public sealed record LoanSummary(string LoanId, string ApplicantId, LoanStatus Status, string Product, long Amount, int TenorMonths, string? WaitingForRole, DateTimeOffset? Deadline, DateTimeOffset SubmittedAt);

public sealed record LoanSchedule(string LoanId, long Principal, int TenorMonths, decimal MonthlyRatePercent, string InterestMethod, long TotalInterest, long TotalFees, long TotalRepayable, IReadOnlyList<RepaymentInstallment> Installments);
