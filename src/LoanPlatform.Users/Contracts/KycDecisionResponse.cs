using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

/// <summary>The customer's KYC after a decision.</summary>
public sealed record KycDecisionResponse(string UserId, KycStatus Status, KycDecision Decision);
