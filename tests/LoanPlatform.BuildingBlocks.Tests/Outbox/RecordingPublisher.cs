using System.Collections.Concurrent;
using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>
/// Stands where the queue is: records every delivery, fails the first <see cref="FailuresLeft"/> of them, and hands each
/// delivery to a consumer that deduplicates by event id, counting what it actually handled.
/// </summary>
public sealed class RecordingPublisher(EventDeduplicator deduplicator) : IOutboxPublisher
{
    public ConcurrentQueue<OutboxEvent> Deliveries { get; } = new();

    public ConcurrentQueue<string> Handled { get; } = new();

    public int FailuresLeft { get; set; }

    /// <summary>Runs once, during the next delivery: a change that commits while the dispatcher is publishing.</summary>
    public Func<Task>? DuringNextDelivery { get; set; }

    public async Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new IOException("The queue is unreachable.");
        }

        if (DuringNextDelivery is { } change)
        {
            DuringNextDelivery = null;
            await change();
        }

        Deliveries.Enqueue(outboxEvent);
        if (await deduplicator.TryClaimAsync("test-consumer", outboxEvent.EventId, cancellationToken) == ClaimResult.Claimed)
        {
            Handled.Enqueue(outboxEvent.EventId);
            await deduplicator.CompleteAsync("test-consumer", outboxEvent.EventId, cancellationToken);
        }
    }
}
