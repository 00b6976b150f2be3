using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Auth.Model;

/// <summary>
/// A refresh-token family. The client holds "{familyId}.{secret}"; only the secret's hash is stored. Each use rotates
/// the secret; presenting a secret that was already rotated away is reuse, and revokes the whole family. That revocation
/// is a write to this document, so the session carries its own outbox for the event that records it.
/// </summary>
public sealed record RefreshSession : IHasOutbox<RefreshSession>
{
    public required string FamilyId { get; init; }

    public required string UserId { get; init; }

    public required string Email { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public required string CurrentSecretHash { get; init; }

    public IReadOnlyList<string> UsedSecretHashes { get; init; } = [];

    public int SessionGeneration { get; init; }

    public bool Revoked { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the password was last proven in this session (the login); refreshes keep it, so auth_time stays honest.</summary>
    public DateTimeOffset? AuthenticatedAt { get; init; }

    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    public bool HasPendingEvents => PendingEvents.Count > 0;

    public RefreshSession WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };

    /// <summary>A session, revoked or not, is kept until its refresh token would have expired, then the store drops it.</summary>
    public TimeSpan? TimeToLiveAt(DateTimeOffset now) => ExpiresAt - now;
}
