namespace LoanPlatform.Auth.AuditEvents;

/// <summary>
/// AccountUnlockOffered v1, notification only: the account of <paramref name="UserId"/> was locked; the email tells its
/// owner and carries <paramref name="UnlockCode"/>, which ends the lock at <c>POST /auth/unlock</c> until
/// <paramref name="ExpiresAt"/>. Someone guessing the password cannot keep the owner out: the owner unlocks by email.
/// </summary>
public sealed record AccountUnlockOffered(string UserId, string UnlockCode, DateTimeOffset LockedUntil, DateTimeOffset ExpiresAt)
{
    public const int Version = 1;
}
