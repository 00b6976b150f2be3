namespace LoanPlatform.Auth.AuditEvents;

/// <summary>
/// The names of the Auth service's events: changes to login accounts, audited as they leave the outbox (the action of
/// their audit record). Schemas in docs/events.md.
/// </summary>
public static class AuthEventTypes
{
    public const string CredentialCreated = "CredentialCreated";
    public const string CredentialReset = "CredentialReset";
    public const string PasswordChanged = "PasswordChanged";
    public const string AccountLocked = "AccountLocked";
    public const string AccountUnlocked = "AccountUnlocked";

    /// <summary>Notification only (never on the integration topic): the owner's unlock code, sent by email.</summary>
    public const string AccountUnlockOffered = "AccountUnlockOffered";
    public const string CredentialDeleted = "CredentialDeleted";
    public const string RefreshTokenReuseDetected = "RefreshTokenReuseDetected";
}
