namespace LoanPlatform.Users.Events;

/// <summary>NotificationPreferencesChanged v1: which preferences changed (email, push, quietHours), never their values.</summary>
public sealed record NotificationPreferencesChanged(string UserId, IReadOnlyList<string> Fields, DateTimeOffset ChangedAt)
{
    public const int Version = 1;
}
