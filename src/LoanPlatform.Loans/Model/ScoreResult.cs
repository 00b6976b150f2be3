namespace LoanPlatform.Loans.Model;

/// <summary>An explained score: every rule that fired is listed with its effect, so an officer and the customer can see why.</summary>
public sealed record ScoreResult(int Score, string Band, bool HardRuleFailed, IReadOnlyList<ScoreReason> Reasons);

public sealed record ScoreReason(string Rule, bool Passed, int Points, string Explanation);
