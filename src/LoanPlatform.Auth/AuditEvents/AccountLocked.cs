namespace LoanPlatform.Auth.AuditEvents;

/// <summary>
/// AccountLocked v1: failed attempts within the window reached the limit and the account is locked until
/// <paramref name="LockedUntil"/>; <paramref name="FailedAttempts"/> counts those in the window.
/// </summary>
public sealed record AccountLocked(string UserId, int FailedAttempts, DateTimeOffset LockedUntil)
{
    public const int Version = 1;
}
