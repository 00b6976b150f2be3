namespace LoanPlatform.Users.Model;

/// <summary>
/// One e-KYC provider answer as reviewers see it: which provider, what it concluded and why (reason codes of
/// <see cref="Services.KycReasons"/>), its own transaction reference and when.
/// </summary>
public sealed record AutomatedKycCheck(string Provider, AutomatedKycOutcome Outcome, IReadOnlyList<string> Reasons, string? Reference, DateTimeOffset CheckedAt);
