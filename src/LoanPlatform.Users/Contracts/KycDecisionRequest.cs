namespace LoanPlatform.Users.Contracts;

/// <summary>
/// A reviewer's decision: "verify", or "reject" with a <see cref="Reason"/> for the record and the reason codes the
/// customer is told in their language (default "other").
/// </summary>
public sealed record KycDecisionRequest(string? Decision, string? Reason, IReadOnlyList<string>? ReasonCodes);
