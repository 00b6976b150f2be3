namespace LoanPlatform.Auth.AuditEvents;

/// <summary>CredentialReset v1: local staff seeding replaced an account's password or roles, ending its sessions.</summary>
public sealed record CredentialReset(string UserId, DateTimeOffset ResetAt)
{
    public const int Version = 1;
}
