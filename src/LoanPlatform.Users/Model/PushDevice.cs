using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Users.Model;

/// <summary>
/// A browser's Web Push subscription (type "push_device"), partitioned by the user id. Its id is derived from the endpoint,
/// so one browser is one device however often it registers. A removed device stays a while as a tombstone without its
/// endpoint or keys: its removal's event rides in that same write, and the store drops it after <see cref="TombstoneRetention"/>.
/// </summary>
public sealed record PushDevice(
    string DeviceId,
    string UserId,
    string Endpoint,
    string P256dh,
    string Auth,
    string? Label,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IHasOutbox<PushDevice>
{
    /// <summary>Events caused by changes to this device, stored in the same write and removed once published (the outbox).</summary>
    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    public bool HasPendingEvents => PendingEvents.Count > 0;

    public PushDevice WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };

    /// <summary>Long enough for the sweeper to publish the removal's event however long the audit trail was unreachable.</summary>
    public static readonly TimeSpan TombstoneRetention = TimeSpan.FromDays(7);

    /// <summary>When the device was removed; null while it is registered.</summary>
    public DateTimeOffset? RemovedAt { get; init; }

    public bool IsRemoved => RemovedAt is not null;

    public TimeSpan? TimeToLiveAt(DateTimeOffset now) => RemovedAt + TombstoneRetention - now;

    /// <summary>The tombstone of this device: nothing left to push to, and the event that says so.</summary>
    public PushDevice Removed(DateTimeOffset now, OutboxEvent removal) =>
        this with { Endpoint = "", P256dh = "", Auth = "", Label = null, UpdatedAt = now, RemovedAt = now, PendingEvents = [.. PendingEvents, removal] };
}
