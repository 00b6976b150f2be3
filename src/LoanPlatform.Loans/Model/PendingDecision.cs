namespace LoanPlatform.Loans.Model;

/// <summary>What an officer or the applicant asked for, as delivered to the orchestration in the wait's event.</summary>
public sealed record PendingDecision(
    string DecisionId,
    string ActorId,
    string ActorRole,
    DecisionKind Kind,
    string? Reason,
    long? ApprovedAmount,
    int StageIndex,
    int WaitRound,
    DateTimeOffset RequestedAt);

