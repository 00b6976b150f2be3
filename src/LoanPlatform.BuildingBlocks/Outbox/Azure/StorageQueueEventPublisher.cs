using System.Text.Json;
using Azure.Storage.Queues;

namespace LoanPlatform.BuildingBlocks.Outbox.Azure;

/// <summary>Sends events to the notifications Storage queue the Notifications Function app is triggered by.</summary>
public sealed class StorageQueueEventPublisher(QueueClient queue) : IOutboxPublisher
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken) =>
        queue.SendMessageAsync(JsonSerializer.Serialize(outboxEvent, Json), cancellationToken);
}
