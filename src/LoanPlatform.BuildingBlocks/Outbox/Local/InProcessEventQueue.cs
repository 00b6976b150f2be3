using System.Threading.Channels;

namespace LoanPlatform.BuildingBlocks.Outbox.Local;

/// <summary>
/// The local stand-in for the notifications Storage queue: one instance is shared by the publishing services and the
/// Notifications worker of the local host.
/// </summary>
public sealed class InProcessEventQueue : IOutboxPublisher
{
    private readonly Channel<OutboxEvent> _channel = Channel.CreateUnbounded<OutboxEvent>();

    public ChannelReader<OutboxEvent> Reader => _channel.Reader;

    public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(outboxEvent, cancellationToken).AsTask();
}
