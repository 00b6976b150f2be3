using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

/// <summary>The profile as the user sees it; the NIK is masked because the full number is never shown again.</summary>
public sealed record UserProfileResponse(
    string UserId,
    string FullName,
    string Email,
    string Phone,
    string NikMasked,
    DateOnly DateOfBirth,
    string Language,
    KtpStatus KtpStatus,
    KycResponse Kyc,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
