using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Notifications.Scheduling;

/// <summary>
/// Pushes held back by quiet hours. They wait in the service's store (so a restart loses none) and, once due, their event
/// goes back on the notifications queue: the handler then pushes, with the queue's retries and dead-lettering, while
/// the channels already served skip it as a duplicate.
/// </summary>
public sealed class ScheduledPushes(IDocumentStore<ScheduledPush> store, IOutboxPublisher notificationQueue, TimeProvider time, ILogger<ScheduledPushes> logger)
{
    public const string DocumentType = "scheduledPush";

    /// <summary>All schedules share one partition: there are few at a time, and the release reads them together.</summary>
    public const string Partition = "scheduled-push";

    /// <summary>Holds the push of <paramref name="outboxEvent"/> until <paramref name="dueAt"/>; a repeat for the same event keeps the first.</summary>
    public async Task ScheduleAsync(OutboxEvent outboxEvent, string userId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateAsync(Partition, outboxEvent.EventId, new ScheduledPush(outboxEvent.EventId, userId, dueAt, outboxEvent), cancellationToken: cancellationToken);
            logger.LogInformation("Push of {EventType} {EventId} held for quiet hours until {DueAt}", outboxEvent.Type, outboxEvent.EventId, dueAt);
        }
        catch (DocumentConflictException)
        {
        }
    }

    /// <summary>Re-queues every push that is due; returns how many. Run by a timer in Azure and a background loop locally.</summary>
    public async Task<int> ReleaseDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var released = 0;
        await foreach (var scheduled in store.QueryAsync(DocumentQuery.InPartition(Partition), cancellationToken))
        {
            if (scheduled.Value.DueAt > now)
            {
                continue;
            }

            // Queued before deleted: a crash in between queues it twice, and the handler skips the second.
            await notificationQueue.PublishAsync(scheduled.Value.Event, cancellationToken);
            await store.DeleteAsync(Partition, scheduled.Value.EventId, scheduled.ETag, cancellationToken);
            released++;
        }

        return released;
    }
}
