namespace LoanPlatform.Users.Contracts;

/// <summary>What the Loans service needs to take and score an application, and nothing more.</summary>
public sealed record UserEligibilityResponse(string UserId, KycEvidenceResponse Kyc, DateOnly DateOfBirth, int? NikProvinceCode);
