using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Users.Model;

/// <summary>
/// A registration waiting for its email to be verified (type "pending_registration"), one per email address, keyed by
/// a hash of the normalized address so no email appears in an id. It holds what the account will be made of (the
/// password only as Auth's hash of it) and the hash of the six-digit code sent to the address; when the address, phone
/// or NIK already belonged to a customer it holds no code at all, so it can never be verified. It expires by itself.
/// </summary>
public sealed record PendingRegistration(
    string RegistrationId,
    string UserId,
    string FullName,
    string Email,
    string Phone,
    string Nik,
    DateOnly DateOfBirth,
    string Language,
    string ConsentVersion,
    string PasswordHash,
    string? CodeHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt) : IHasOutbox<PendingRegistration>
{
    /// <summary>Wrong codes tried so far; a few end the registration.</summary>
    public int FailedAttempts { get; init; }

    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    public bool HasPendingEvents => PendingEvents.Count > 0;

    public PendingRegistration WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };

    public TimeSpan? TimeToLiveAt(DateTimeOffset now) => ExpiresAt - now;
}
