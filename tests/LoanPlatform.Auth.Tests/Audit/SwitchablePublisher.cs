using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Auth.Tests.Audit;

/// <summary>
/// A publisher put first in line that fails while <see cref="Down"/>: the dispatcher stops at it, so the event stays in
/// the outbox as if the process had died between the commit and the publish.
/// </summary>
public sealed class SwitchablePublisher : IOutboxPublisher
{
    public bool Down { get; set; }

    public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken) =>
        Down ? throw new IOException("The publisher is down.") : Task.CompletedTask;
}
