namespace LoanPlatform.Users.Kyc;

/// <summary>What an e-KYC provider is asked about: the identity the customer registered with.</summary>
public sealed record KycApplicant(string UserId, string Nik, string FullName, DateOnly DateOfBirth);
