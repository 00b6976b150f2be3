using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

/// <summary>The KYC outcome Loans keeps with an application: status, and who (or which provider) verified it, when.</summary>
public sealed record KycEvidenceResponse(KycStatus Status, DateTimeOffset? VerifiedAt, string? VerifiedBy, string? VerifiedByRole, string? Provider)
{
    public static KycEvidenceResponse From(KycState kyc) => kyc.Status == KycStatus.Verified
        ? new(kyc.Status, kyc.VerifiedAt, kyc.Decision?.DecidedBy, kyc.Decision?.DecidedByRole, kyc.Decision?.Provider)
        : new(kyc.Status, null, null, null, null);
}
