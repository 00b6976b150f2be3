namespace LoanPlatform.Auth.AuditEvents;

/// <summary>RefreshTokenReuseDetected v1: a rotated-away refresh token came back, and its session family was revoked.</summary>
public sealed record RefreshTokenReuseDetected(string UserId, string FamilyId, DateTimeOffset DetectedAt)
{
    public const int Version = 1;
}
