namespace LoanPlatform.Auth.Model;

/// <summary>
/// One login identity, partitioned and keyed by its normalized email. Lockout state lives on the same document so a
/// failed attempt is one conditional write.
/// </summary>
public sealed record Credential
{
    public required string UserId { get; init; }

    public required string Email { get; init; }

    public required string PasswordHash { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public int FailedAttempts { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Bumped by a password change or erasure; refresh sessions of an older generation stop working.</summary>
    public int SessionGeneration { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
