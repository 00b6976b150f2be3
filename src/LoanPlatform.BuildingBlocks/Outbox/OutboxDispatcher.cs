using System.Diagnostics;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// Publishes the pending events of one document to every publisher, in order (all of them at once to those that take them
/// together, <see cref="IOutboxBatchPublisher"/>, then one by one to the others), then removes the published ones with an
/// ETag-checked replace. A failure leaves the rest pending for the sweeper; a crash between publish and removal means the
/// event goes out again, which consumers absorb by its id.
/// </summary>
public sealed class OutboxDispatcher<T>(IDocumentStore<T> store, IEnumerable<IOutboxPublisher> publishers, TimeProvider time, ILogger<OutboxDispatcher<T>> logger)
    where T : class, IHasOutbox<T>
{
    private readonly IOutboxBatchPublisher[] together = [.. publishers.OfType<IOutboxBatchPublisher>()];
    private readonly IOutboxPublisher[] oneByOne = [.. publishers.Where(publisher => publisher is not IOutboxBatchPublisher)];

    /// <summary>Dispatches the document's events; with <paramref name="minimumAge"/>, only those at least that old.</summary>
    public async Task<int> DispatchAsync(string partitionKey, string id, TimeSpan? minimumAge = null, CancellationToken cancellationToken = default) =>
        await store.FindAsync(partitionKey, id, cancellationToken) is { } document
            ? await DispatchAsync(document, minimumAge, cancellationToken)
            : 0;

    /// <summary>
    /// Dispatches the events of a document just read or written (<see cref="AggregateStore{T}"/> hands over what it wrote),
    /// so the first removal needs no read of its own.
    /// </summary>
    public async Task<int> DispatchAsync(StoredDocument<T> document, TimeSpan? minimumAge = null, CancellationToken cancellationToken = default)
    {
        if (!document.Value.HasPendingEvents)
        {
            return 0;
        }

        var published = new HashSet<string>(StringComparer.Ordinal);
        var cutoff = time.GetUtcNow() - (minimumAge ?? TimeSpan.Zero);
        var due = document.Value.PendingEvents.Where(e => e.OccurredAt <= cutoff).ToList();
        if (due.Count == 0 || !await TryPublishTogetherAsync(due, cancellationToken))
        {
            return 0;
        }

        foreach (var pending in due)
        {
            if (!await TryPublishAsync(pending, cancellationToken))
            {
                // Later events of the same aggregate wait, so consumers see them in order.
                break;
            }

            published.Add(pending.EventId);
        }

        if (published.Count > 0)
        {
            await RemoveAsync(document, published, cancellationToken);
        }

        return published.Count;
    }

    /// <summary>
    /// Publishes every event of the document whatever its age, before the document is deleted with them; false when some
    /// are still pending (a publisher failed, or a change queued more meanwhile).
    /// </summary>
    public async Task<bool> TryDrainAsync(string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        await DispatchAsync(partitionKey, id, cancellationToken: cancellationToken);
        var document = await store.FindAsync(partitionKey, id, cancellationToken);
        return document is null || !document.Value.HasPendingEvents;
    }

    /// <summary>
    /// Hands the due events to the publishers that take them together; should one fail, none is published and the sweeper
    /// tries them all again (the publishers that took them already drop the repeats by event id).
    /// </summary>
    private async Task<bool> TryPublishTogetherAsync(List<OutboxEvent> due, CancellationToken cancellationToken)
    {
        foreach (var publisher in together)
        {
            try
            {
                await publisher.PublishManyAsync(due, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                foreach (var pending in due)
                {
                    OutboxTelemetry.PublishFailures.Add(1, new KeyValuePair<string, object?>("event.type", pending.Type));
                }

                logger.LogWarning(e, "Could not publish {Count} events of {Subject} together; the sweeper will retry", due.Count, due[0].Subject);
                return false;
            }
        }

        return true;
    }

    private async Task<bool> TryPublishAsync(OutboxEvent pending, CancellationToken cancellationToken)
    {
        using var activity = OutboxTelemetry.Source.StartActivity($"publish {pending.Type}", ActivityKind.Producer, pending.TraceParent);
        activity?.SetTag("messaging.message.id", pending.EventId);
        try
        {
            foreach (var publisher in oneByOne)
            {
                await publisher.PublishAsync(pending, cancellationToken);
            }

            OutboxTelemetry.Published.Add(1, new KeyValuePair<string, object?>("event.type", pending.Type));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            OutboxTelemetry.PublishFailures.Add(1, new KeyValuePair<string, object?>("event.type", pending.Type));
            logger.LogWarning(e, "Could not publish {EventType} {EventId}; the sweeper will retry", pending.Type, pending.EventId);
            return false;
        }
    }

    private async Task RemoveAsync(StoredDocument<T> dispatched, HashSet<string> published, CancellationToken cancellationToken)
    {
        var (partitionKey, id) = (dispatched.PartitionKey, dispatched.Id);
        // The first try quotes the document as dispatched; a lost race reads it again.
        var current = (StoredDocument<T>?)dispatched;
        for (var attempt = 1; ; attempt++, current = await store.FindAsync(partitionKey, id, cancellationToken))
        {
            if (current is null)
            {
                return;
            }

            var remaining = current.Value.PendingEvents.Where(e => !published.Contains(e.EventId)).ToArray();
            if (remaining.Length == current.Value.PendingEvents.Count)
            {
                return;
            }

            try
            {
                var remainder = current.Value.WithPendingEvents(remaining);
                await store.ReplaceAsync(partitionKey, id, remainder, current.ETag, new DocumentWriteOptions(remainder.TimeToLiveAt(time.GetUtcNow())), cancellationToken);
                return;
            }
            catch (DocumentPreconditionFailedException) when (attempt < WriteConflictPolicy.Default.MaxAttempts)
            {
                // The aggregate changed meanwhile (maybe adding events): read again and remove only what was published.
                // Not through AggregateStore: this is the write that store's publishing ends with.
                await Task.Delay(WriteConflictPolicy.Default.DelayAfter(attempt), cancellationToken);
            }
        }
    }
}
