using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

public sealed record UserDataExportProfile(
    string UserId,
    string FullName,
    string Email,
    string Phone,
    string Nik,
    DateOnly DateOfBirth,
    string Language,
    KtpStatus KtpStatus,
    KycResponse Kyc,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
