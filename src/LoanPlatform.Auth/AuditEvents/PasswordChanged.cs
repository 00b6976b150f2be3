namespace LoanPlatform.Auth.AuditEvents;

/// <summary>PasswordChanged v1: the password changed, ending <paramref name="SessionsRevoked"/> live sessions.</summary>
public sealed record PasswordChanged(string UserId, int SessionsRevoked, DateTimeOffset ChangedAt)
{
    public const int Version = 1;
}
