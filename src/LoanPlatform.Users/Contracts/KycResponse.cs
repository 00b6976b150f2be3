using LoanPlatform.Users.Model;
using LoanPlatform.Users.Services;

namespace LoanPlatform.Users.Contracts;

/// <summary>The customer's own view of their KYC: the status, why it was rejected (in their language), when it was verified.</summary>
public sealed record KycResponse(KycStatus Status, IReadOnlyList<string>? Reasons, DateTimeOffset? VerifiedAt)
{
    public static KycResponse From(KycState kyc, string language) => new(
        kyc.Status,
        kyc is { Status: KycStatus.Rejected, Decision: { } decision } ? decision.Reasons.Select(code => KycReasons.Describe(code, language)).ToArray() : null,
        kyc.VerifiedAt);
}
