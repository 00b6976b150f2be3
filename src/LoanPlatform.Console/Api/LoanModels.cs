namespace LoanPlatform.Console.Api;

// The public API's loan shapes as the console reads them (GET /loans, /loans/{id}, /history, /schedule). Statuses and
// decisions stay strings: the console shows what the API says and never decides on an unknown value.

public sealed record LoanSummary(string LoanId, string ApplicantId, string Status, string Product, long Amount, int TenorMonths, string? WaitingForRole, DateTimeOffset? Deadline, DateTimeOffset SubmittedAt);

public sealed record LoanStage(string Name, string WaitingForRole, DateTimeOffset? Deadline, bool Escalated, string? DecidedBy, string? Decision);

public sealed record ScoreReason(string Rule, bool Passed, int Points, string Explanation);

public sealed record LoanScore(int Score, string Band, bool HardRuleFailed, IReadOnlyList<ScoreReason> Reasons);

public sealed record LoanDetail(
    string LoanId,
    string ApplicantId,
    string Status,
    string Product,
    long Amount,
    long? ApprovedAmount,
    int TenorMonths,
    string Purpose,
    decimal MonthlyRatePercent,
    string InterestMethod,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    LoanScore? Score,
    LoanStage? CurrentStage,
    IReadOnlyList<LoanStage> Stages,
    LoanKycEvidence? Kyc = null,
    IReadOnlyList<Installment>? SchedulePreview = null);

/// <summary>Staff only: the applicant's KYC outcome as the loan keeps it, and who (or which provider) verified it.</summary>
public sealed record LoanKycEvidence(string Status, DateTimeOffset? VerifiedAt, string? VerifiedBy, string? VerifiedByRole, string? Provider);

public sealed record LoanHistoryEntry(DateTimeOffset At, string Event, string? From, string To, string ActorId, string ActorRole, string? Comment);

public sealed record Installment(int Number, DateOnly DueDate, long Principal, long Interest, long Fee, long Total, long Balance);

public sealed record LoanSchedule(string LoanId, long Principal, int TenorMonths, decimal MonthlyRatePercent, string InterestMethod, long TotalInterest, long TotalFees, long TotalRepayable, IReadOnlyList<Installment> Installments);

public sealed record LoanDecision(string Decision, string Reason);

public static class LoanStatuses
{
    public const string PendingApproval = "pendingApproval";
    public const string Approved = "approved";

    public static readonly IReadOnlyList<string> All = ["submitted", "scoring", PendingApproval, Approved, "rejected", "cancelled", "expired"];

    /// <summary>Where a loan ends: nobody decides on it any more.</summary>
    public static readonly IReadOnlyList<string> Final = [Approved, "rejected", "cancelled", "expired"];
}
