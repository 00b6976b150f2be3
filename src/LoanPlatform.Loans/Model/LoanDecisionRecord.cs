namespace LoanPlatform.Loans.Model;

/// <param name="CorrelationId">The deciding request's; the approval that completes the last stage is audited under it.</param>
public sealed record LoanDecisionRecord(string DecisionId, string OfficerId, string Role, DecisionKind Kind, string? Reason, DateTimeOffset At, string? CorrelationId = null);
