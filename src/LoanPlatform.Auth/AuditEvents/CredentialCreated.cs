namespace LoanPlatform.Auth.AuditEvents;

/// <summary>CredentialCreated v1: a login account was created (registration, or a seeded local staff account).</summary>
public sealed record CredentialCreated(string UserId, DateTimeOffset CreatedAt)
{
    public const int Version = 1;
}
