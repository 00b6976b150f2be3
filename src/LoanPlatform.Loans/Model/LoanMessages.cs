namespace LoanPlatform.Loans.Model;

public sealed record ApplyForLoanRequest(long? Amount, int? TenorMonths, string? Purpose, long? MonthlyIncome, string? Product);

public sealed record LoanAccepted(string LoanId, LoanStatus Status);

public sealed record DecisionRequest(string? Decision, string? Reason, long? ApprovedAmount);

public sealed record CancelRequest(string? Reason);

public sealed record ProvideInformationRequest(string? Message);

public sealed record LoanStageView(string Name, string WaitingForRole, DateTimeOffset? Deadline, bool Escalated, string? DecidedBy, DecisionKind? Decision);

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
    IReadOnlyList<LoanStageView> Stages)
{
    public static LoanView From(LoanApplication loan)
    {
        var stages = loan.Stages.Select(s => new LoanStageView(s.Name, s.CurrentRole, s.Deadline, s.Escalated, s.Decision?.OfficerId, s.Decision?.Kind)).ToArray();
        return new LoanView(
            loan.LoanId, loan.ApplicantId, loan.Status, loan.Product, loan.Amount, loan.ApprovedAmount, loan.TenorMonths, loan.Purpose,
            loan.MonthlyRatePercent, loan.InterestMethod, loan.SubmittedAt, loan.UpdatedAt, loan.Score,
            loan.Status == LoanStatus.PendingApproval && loan.CurrentStage < stages.Length ? stages[loan.CurrentStage] : null,
            stages);
    }
}

public sealed record LoanSummary(string LoanId, string ApplicantId, LoanStatus Status, string Product, long Amount, int TenorMonths, string? WaitingForRole, DateTimeOffset? Deadline, DateTimeOffset SubmittedAt);

public sealed record LoanSchedule(string LoanId, long Principal, int TenorMonths, decimal MonthlyRatePercent, string InterestMethod, long TotalInterest, long TotalFees, long TotalRepayable, IReadOnlyList<RepaymentInstallment> Installments);
