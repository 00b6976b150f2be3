using LoanPlatform.Loans.Orchestrations;

namespace LoanPlatform.Loans.Model;

/// <summary>What an officer or the applicant asked for, as delivered to the orchestration in the wait's event.</summary>
/// <param name="CorrelationId">The asking request's, so the transition the decision causes is audited under it.</param>
/// <param name="Applied">On the event the API raises, what the write that recorded the command already applied (an
/// approval that ended its stage); null on the command the loan records and on a command that was only recorded.</param>
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
    string? CorrelationId = null,
    DecisionOutcome? Applied = null);

