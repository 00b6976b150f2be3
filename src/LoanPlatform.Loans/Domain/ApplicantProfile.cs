namespace LoanPlatform.Loans.Domain;

/// <summary>What the Users service vouches for about an applicant: a verified KTP and the birth date it carries.</summary>
public sealed record ApplicantProfile(string UserId, bool KtpVerified, DateOnly DateOfBirth);
