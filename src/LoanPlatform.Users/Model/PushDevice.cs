using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Users.Model;

/// <summary>
/// A browser's Web Push subscription (type "push_device"), partitioned by the user id. Its id is derived from the endpoint,
/// so one browser is one device however often it registers.
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
}
