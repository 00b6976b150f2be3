namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// A consumer's record of an event, keyed by the event id so a second claim conflicts. Until <see cref="CompletedAt"/> is
/// set the claim is a lease: a consumer that crashed mid-way loses it after a while and a redelivery takes over.
/// <see cref="HandedOverAt"/> marks the moment the consumer gave the effect to a party that cannot drop a repeat (an SMTP
/// server): a claim taken over with the mark set may already have had its effect (<see cref="ClaimResult.InDoubt"/>).
/// </summary>
public sealed record ProcessedEvent(string EventId, string Consumer, DateTimeOffset ClaimedAt, DateTimeOffset? CompletedAt = null, DateTimeOffset? HandedOverAt = null);
