namespace LoanPlatform.Loans.Model;

/// <summary>What an officer or the applicant asked for, as delivered to the orchestration in the wait's event.</summary>
/// <param name="CorrelationId">The asking request's, so the transition the decision causes is audited under it.</param>
public sealed record PendingDecision(
    string DecisionId,
    string ActorId,
    string ActorRole,
    DecisionKind Kind,
    string? Reason,
    long? ApprovedAmount,
    int StageIndex,
    int WaitRound,
    DateTimeOffset RequestedAt,
    string? CorrelationId = null);

