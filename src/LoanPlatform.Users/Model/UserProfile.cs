namespace LoanPlatform.Users.Model;

/// <summary>The user's profile document (type "user_profile"), partitioned and identified by the user id.</summary>
public sealed record UserProfile(
    string UserId,
    string FullName,
    string Email,
    string Phone,
    string Nik,
    DateOnly DateOfBirth,
    string Language,
    ConsentRecord Consent,
    KtpStatus KtpStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
