using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Auth.Model;

/// <summary>
/// One login identity, partitioned and keyed by its normalized email. Lockout state lives on the same document so a
/// failed attempt is one conditional write; so do the events of its changes (the outbox), so each is written with its change.
/// </summary>
public sealed record Credential : IHasOutbox<Credential>
{
    public required string UserId { get; init; }

    public required string Email { get; init; }

    public required string PasswordHash { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>When the failed attempts of the sliding window happened; older ones no longer count.</summary>
    public IReadOnlyList<DateTimeOffset> RecentFailures { get; init; } = [];

    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>SHA-256 of the unlock code last emailed to the owner, while it is valid; null otherwise.</summary>
    public string? UnlockCodeHash { get; init; }

    public DateTimeOffset? UnlockCodeExpiresAt { get; init; }

    /// <summary>Bumped by a password change or erasure; refresh sessions of an older generation stop working.</summary>
    public int SessionGeneration { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Set by erasure, which first empties the credential (no password, no roles) in the same write as its event, and
    /// deletes the document once that event has left the outbox: deleting it at once would delete the event with it.
    /// </summary>
    public DateTimeOffset? ErasedAt { get; init; }

    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    public bool HasPendingEvents => PendingEvents.Count > 0;

    public Credential WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };
}
