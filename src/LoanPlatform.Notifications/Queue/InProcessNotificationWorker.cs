using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Outbox.Local;
using LoanPlatform.Notifications.Model;
using LoanPlatform.Notifications.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Notifications.Queue;

/// <summary>
/// The local counterpart of the queue-triggered function: reads the in-process queue and runs the same handler with the
/// same rule — retries with backoff, then a dead letter with the reason. Nothing is dropped silently: an event leaves the
/// queue's spool only once delivered or dead-lettered, so a stop or crash in between delivers it after the restart.
/// </summary>
public sealed class InProcessNotificationWorker(
    InProcessEventQueue queue,
    IServiceScopeFactory scopes,
    LocalDeadLetterStore deadLetters,
    IOptions<NotificationRetryOptions> options,
    TimeProvider time,
    ILogger<InProcessNotificationWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A few at a time, so one message backing off does not hold up the others.
        Parallel.ForEachAsync(queue.Reader.ReadAllAsync(stoppingToken), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken },
            (outboxEvent, _) => DeliverAsync(outboxEvent, stoppingToken));

    /// <summary>
    /// A delivery once begun is finished even when the host stops (an email cut off half-sent would be sent again after
    /// the restart); a stop during the back-off between attempts leaves the event queued for the next start.
    /// </summary>
    private async ValueTask DeliverAsync(OutboxEvent outboxEvent, CancellationToken stoppingToken)
    {
        var delay = options.Value.InitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The handler is scoped (its typed HTTP clients are rotated by the factory), so each attempt gets its own.
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<NotificationHandler>().HandleAsync(outboxEvent, CancellationToken.None);
                }

                queue.Complete(outboxEvent);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (e is PermanentNotificationException || attempt >= options.Value.MaxAttempts)
                {
                    await deadLetters.WriteAsync(new DeadLetter(outboxEvent, $"{e.GetType().Name}: {e.Message}", attempt, time.GetUtcNow()), CancellationToken.None);
                    NotificationsTelemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>("event.type", outboxEvent.Type));
                    logger.LogError(e, "Dead-lettered {EventType} {EventId} after {Attempts} attempt(s)", outboxEvent.Type, outboxEvent.EventId, attempt);
                    queue.Complete(outboxEvent);
                    return;
                }

                logger.LogWarning(e, "Attempt {Attempt} of {EventType} {EventId} failed; retrying in {Delay}", attempt, outboxEvent.Type, outboxEvent.EventId, delay);
                await Task.Delay(delay, time, stoppingToken);
                delay *= 2;
            }
        }
    }
}
