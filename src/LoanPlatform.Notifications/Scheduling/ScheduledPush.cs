using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Notifications.Scheduling;

/// <summary>An event whose push waits for the end of the recipient's quiet hours; one per event id.</summary>
public sealed record ScheduledPush(string EventId, string UserId, DateTimeOffset DueAt, OutboxEvent Event);
