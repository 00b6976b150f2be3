using System.Collections.Concurrent;
using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Testing;

/// <summary>
/// Every event a service publishes, in order: in a host without the notifications queue, where a test reads what a
/// person would be emailed (a registration's code, an unlock code, a notice to an existing customer).
/// </summary>
public sealed class PublishedEvents : IOutboxPublisher
{
    private readonly ConcurrentQueue<OutboxEvent> _events = new();

    public IReadOnlyList<OutboxEvent> All => [.. _events];

    public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(outboxEvent);
        return Task.CompletedTask;
    }
}
