namespace LoanPlatform.Loans.Model;

public sealed record LoanDecisionRecord(string DecisionId, string OfficerId, string Role, DecisionKind Kind, string? Reason, DateTimeOffset At);
