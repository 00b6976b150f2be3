using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Notifications.Queue;

/// <summary>A notification given up on, with why and after how many attempts, kept for an operator to replay.</summary>
public sealed record DeadLetter(OutboxEvent Event, string Reason, int Attempts, DateTimeOffset DeadLetteredAt);
