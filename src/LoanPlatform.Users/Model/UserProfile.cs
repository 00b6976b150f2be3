using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Users.Model;

/// <summary>The user's profile document (type "user_profile"), partitioned and identified by the user id.</summary>
public sealed record UserProfile(
    string UserId,
    string FullName,
    string Email,
    string Phone,
    string Nik,
    DateOnly DateOfBirth,
    string Language,
    ConsentRecord Consent,
    KtpStatus KtpStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IHasOutbox<UserProfile>
{
    /// <summary>Events caused by changes to this profile, stored in the same write and removed once published (the outbox).</summary>
    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    /// <summary>Kept in the profile so one ETag covers it; profiles stored before it existed read the default.</summary>
    public NotificationPreferences NotificationPreferences { get; init; } = NotificationPreferences.Default;

    /// <summary>
    /// Whether the user may have push devices: false from registration until their first device registers (it is set
    /// before that device is written, never back), so a notification to a user without any skips looking for them;
    /// null on profiles stored before it existed, whose devices are always looked for.
    /// </summary>
    public bool? MayHaveDevices { get; init; }

    /// <summary>Identity verification; profiles stored before it existed read NotStarted.</summary>
    public KycState Kyc { get; init; } = KycState.NotStarted;

    /// <summary>Denormalized for queries (the review queue filters on it).</summary>
    public KycStatus KycStatus => Kyc.Status;

    public bool HasPendingEvents => PendingEvents.Count > 0;

    public UserProfile WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };
}
