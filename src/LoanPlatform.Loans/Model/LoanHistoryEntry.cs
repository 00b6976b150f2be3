namespace LoanPlatform.Loans.Model;

/// <summary>One immutable line of a loan's timeline: a transition or a decision, by whom, in which role, when.</summary>
public sealed record LoanHistoryEntry(
    DateTimeOffset At,
    string Event,
    LoanStatus? From,
    LoanStatus To,
    string ActorId,
    string ActorRole,
    string? Comment);
