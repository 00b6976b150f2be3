using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Loans.Domain;

namespace LoanPlatform.Loans.Model;

/// <summary>
/// The loan aggregate and the source of truth for its progress: the orchestration drives it, but a restart rebuilds
/// the orchestration from this document. Partitioned by its own id so any caller with the id reads it in one point read.
/// </summary>
public sealed partial record LoanApplication : IHasOutbox<LoanApplication>
{
    public required string LoanId { get; init; }

    public required string ApplicantId { get; init; }

    public required string Product { get; init; }

    public required int WorkflowVersion { get; init; }

    public required long Amount { get; init; }

    public required int TenorMonths { get; init; }

    public required string Purpose { get; init; }

    public required long MonthlyIncome { get; init; }

    /// <summary>
    /// The fingerprint of the POST /loans request that created it: the loan's id comes from the customer's
    /// Idempotency-Key, so a retry with that key and another body is told the key is reused. Null on older loans.
    /// </summary>
    public string? RequestHash { get; init; }

    public required LoanStatus Status { get; init; }

    /// <summary>Denormalized for queries: true until the application reaches a final state.</summary>
    public bool IsOpen => !Status.IsFinal();

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The submitting request's correlation id; the transitions scoring makes on its own are audited under it.</summary>
    public string? CorrelationId { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public ScoreResult? Score { get; init; }

    /// <summary>The applicant's KYC outcome when they applied (who or which provider verified them, when); evidence for the decider.</summary>
    public ApplicantKyc? Kyc { get; init; }

    /// <summary>
    /// The birth date the Users service vouched for when they applied, so scoring needs no second call; null on loans
    /// submitted before it was kept (scoring then asks Users).
    /// </summary>
    public DateOnly? ApplicantDateOfBirth { get; init; }

    public IReadOnlyList<ApprovalStage> Stages { get; init; } = [];

    /// <summary>Index into <see cref="Stages"/> of the stage waiting for a decision; meaningful in PendingApproval.</summary>
    public int CurrentStage { get; init; }

    /// <summary>Bumped whenever the current wait changes (new stage, escalation), so each wait has its own event name.</summary>
    public int WaitRound { get; init; }

    /// <summary>A decision accepted by the API and on its way to the orchestration; blocks a second one for the same wait.</summary>
    public PendingDecision? PendingDecision { get; init; }

    /// <summary>Referrals and answers already applied, so a re-delivered activity does not apply one twice.</summary>
    public IReadOnlyList<string> AppliedDecisionIds { get; init; } = [];

    public long? ApprovedAmount { get; init; }

    public decimal MonthlyRatePercent { get; init; }

    public string InterestMethod { get; init; } = "annuity";

    public decimal OriginationFeePercent { get; init; }

    public IReadOnlyList<RepaymentInstallment> Schedule { get; init; } = [];

    /// <summary>Set once the finished loan's orchestration history (which holds personal data) has been purged.</summary>
    public DateTimeOffset? OrchestrationPurgedAt { get; init; }

    public IReadOnlyList<LoanHistoryEntry> History { get; init; } = [];

    /// <summary>Events caused by the changes above, stored in the same write and removed once published (the outbox).</summary>
    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    public bool HasPendingEvents => PendingEvents.Count > 0;

    public LoanApplication WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };
}
