namespace LoanPlatform.Loans.Domain;

/// <summary>What the Users service vouches for about an applicant: the KYC outcome and the birth date of their identity.</summary>
public sealed record ApplicantProfile(string UserId, ApplicantKyc Kyc, DateOnly DateOfBirth)
{
    public bool KycVerified => Kyc.Status == ApplicantKyc.Verified;
}
