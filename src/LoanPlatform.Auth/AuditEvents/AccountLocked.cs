namespace LoanPlatform.Auth.AuditEvents;

/// <summary>AccountLocked v1: a failed attempt reached the limit and the account is locked until <paramref name="LockedUntil"/>.</summary>
public sealed record AccountLocked(string UserId, int FailedAttempts, DateTimeOffset LockedUntil)
{
    public const int Version = 1;
}
