namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>The record that a consumer has taken an event; its id is the event id, so a second claim conflicts.</summary>
public sealed record ProcessedEvent(string EventId, string Consumer, DateTimeOffset ClaimedAt);
