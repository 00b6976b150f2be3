namespace LoanPlatform.Auth.AuditEvents;

/// <summary>CredentialDeleted v1: the login account was erased.</summary>
public sealed record CredentialDeleted(string UserId, DateTimeOffset DeletedAt)
{
    public const int Version = 1;
}
