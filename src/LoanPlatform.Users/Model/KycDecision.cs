namespace LoanPlatform.Users.Model;

/// <summary>
/// Who settled a KYC review, when and why: a reviewer (their staff id and role) or a provider (<see cref="Provider"/>,
/// with a system actor id). <see cref="DocumentIds"/> are the documents the decision was made on.
/// </summary>
public sealed record KycDecision(
    KycStatus Outcome,
    string DecidedBy,
    string DecidedByRole,
    string? Provider,
    IReadOnlyList<string> Reasons,
    string? Note,
    IReadOnlyList<string> DocumentIds,
    DateTimeOffset At);
