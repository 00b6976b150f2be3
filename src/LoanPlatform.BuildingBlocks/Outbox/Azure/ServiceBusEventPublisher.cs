using System.Text.Json;
using Azure.Messaging.ServiceBus;

namespace LoanPlatform.BuildingBlocks.Outbox.Azure;

/// <summary>
/// Publishes integration events to the Service Bus topic <c>platform-events</c> for systems outside the platform.
/// The message id is the event id, so the topic's duplicate detection drops a republished event; the subject is the
/// event type, so subscriptions can filter on it.
/// </summary>
public sealed class ServiceBusEventPublisher(ServiceBusSender sender) : IOutboxPublisher
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken) =>
        outboxEvent.NotificationOnly ? Task.CompletedTask : sender.SendMessageAsync(ToMessage(outboxEvent), cancellationToken);

    public static ServiceBusMessage ToMessage(OutboxEvent outboxEvent) => new(BinaryData.FromObjectAsJson(outboxEvent, Json))
    {
        MessageId = outboxEvent.EventId,
        Subject = outboxEvent.Type,
        ContentType = "application/json",
        // Events of one aggregate share a key, so a partitioned topic keeps them in order.
        PartitionKey = outboxEvent.Subject,
        ApplicationProperties =
        {
            ["eventType"] = outboxEvent.Type,
            ["eventVersion"] = outboxEvent.Version,
        },
    };
}
