namespace LoanPlatform.Users.Kyc;

/// <summary>
/// What an e-KYC provider is asked about: the identity the customer registered with, and the object-store keys of the
/// sealed KTP and selfie (the exact bytes that passed the file checks; null when one is missing).
/// </summary>
public sealed record KycApplicant(string UserId, string Nik, string FullName, DateOnly DateOfBirth, string? KtpObjectKey, string? SelfieObjectKey);
