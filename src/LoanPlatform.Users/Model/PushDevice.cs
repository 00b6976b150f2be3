using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Users.Model;

/// <summary>
/// A device notifications are pushed to (type "push_device"), partitioned by the user id: a browser's Web Push
/// subscription (endpoint and keys) or a native app's FCM registration token. Its id is derived from the endpoint or the
/// token, so one browser or app install is one device however often it registers. A removed device stays a while as a
/// tombstone without its endpoint, keys or token: its removal's event rides in that same write, and the store drops it
/// after <see cref="TombstoneRetention"/>.
/// </summary>
public sealed record PushDevice(
    string DeviceId,
    string UserId,
    string? Endpoint,
    string? P256dh,
    string? Auth,
    string? Label,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IHasOutbox<PushDevice>
{
    /// <summary>A <see cref="PushDeviceTypes"/> value; devices stored before FCM have none and are Web Push.</summary>
    public string Type { get; init; } = PushDeviceTypes.WebPush;

    /// <summary>The FCM registration token of an app install; null for Web Push.</summary>
    public string? Token { get; init; }

    /// <summary>"android" or "ios" for an FCM device; null for Web Push.</summary>
    public string? Platform { get; init; }

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
        this with
        {
            Endpoint = null, P256dh = null, Auth = null, Token = null, Label = null, UpdatedAt = now, RemovedAt = now,
            PendingEvents = [.. PendingEvents, removal],
        };
}
