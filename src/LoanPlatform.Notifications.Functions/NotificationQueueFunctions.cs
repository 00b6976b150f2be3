using System.Text.Json;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Notifications.Services;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Notifications.Functions;

/// <summary>
/// The notifications queue trigger. A throw makes the Functions host redeliver the message; after host.json's
/// maxDequeueCount deliveries it moves to <c>notifications-poison</c>, and the last attempt logs the reason with the event id.
/// </summary>
public sealed class NotificationQueueFunctions(NotificationHandler handler, ILogger<NotificationQueueFunctions> logger)
{
    /// <summary>extensions.queues.maxDequeueCount in host.json.</summary>
    public const int MaxDequeueCount = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Function("HandleNotification")]
    public async Task Handle([QueueTrigger("%Notifications__Queue__Name%")] string message, long dequeueCount, CancellationToken cancellationToken)
    {
        var outboxEvent = JsonSerializer.Deserialize<OutboxEvent>(message, Json) ?? throw new JsonException("The queue message is empty.");
        try
        {
            await handler.HandleAsync(outboxEvent, cancellationToken);
        }
        catch (Exception e) when (dequeueCount >= MaxDequeueCount)
        {
            logger.LogError(e, "Dead-lettering {EventType} {EventId} to the poison queue after {Attempts} attempts: {Reason}",
                outboxEvent.Type, outboxEvent.EventId, dequeueCount, e.Message);
            throw;
        }
    }
}
