namespace LoanPlatform.Auth.AuditEvents;

/// <summary>AccountUnlocked v1: the owner ended a lock early with the unlock code sent to their email.</summary>
public sealed record AccountUnlocked(string UserId, DateTimeOffset At)
{
    public const int Version = 1;
}
