using LoanPlatform.BuildingBlocks.Storage;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// The one write path of an aggregate that carries its own outbox: read it, apply a change, write it once under the ETag
/// it was read with, and on a lost race read again and apply the change again (so every rule the change checks is
/// checked against the fresh state) under <see cref="WriteConflictPolicy"/>; then publish the events the write stored,
/// through the aggregate's <see cref="OutboxDispatcher{T}"/> (the sweeper finishes what a crash interrupts): before the
/// write returns, or, given a <paramref name="relay"/>, once it has (<see cref="OutboxPublishing"/>).
/// </summary>
public sealed class AggregateStore<T>(IDocumentStore<T> store, OutboxDispatcher<T> outbox, TimeProvider time, WriteConflictPolicy policy, OutboxRelay? relay = null)
    where T : class, IHasOutbox<T>
{
    public Task<StoredDocument<T>?> FindAsync(string partitionKey, string id, CancellationToken cancellationToken = default) =>
        store.FindAsync(partitionKey, id, cancellationToken);

    /// <summary>Creates the aggregate and publishes the events it was created with; a taken id throws <see cref="DocumentConflictException"/>.</summary>
    public async Task<StoredDocument<T>> CreateAsync(string partitionKey, string id, T value, CancellationToken cancellationToken = default)
    {
        var created = await store.CreateAsync(partitionKey, id, value, Options(value), cancellationToken);
        await PublishAsync(created, cancellationToken);
        return created;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored aggregate and writes the result; a change that returns the instance
    /// it was given writes nothing. A refusal the change throws is not retried. Null when there is no such aggregate.
    /// </summary>
    public Task<StoredDocument<T>?> UpdateAsync(string partitionKey, string id, Func<T, T> change, CancellationToken cancellationToken = default) =>
        WriteAsync(partitionKey, id, current => current is null ? null : change(current), cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(string, string, Func{T, T}, CancellationToken)"/>, starting from a document the caller has
    /// just read (to check something before the write), so the first try needs no read of its own.
    /// </summary>
    public Task<StoredDocument<T>?> UpdateAsync(StoredDocument<T> read, Func<T, T> change, CancellationToken cancellationToken = default) =>
        WriteAsync(read.PartitionKey, read.Id, read, current => current is null ? null : change(current), cancellationToken);

    /// <summary>
    /// The general form: <paramref name="change"/> gets the stored aggregate (null when there is none) and returns what to
    /// store — a new aggregate is created, a changed one replaced — or null, or the instance it was given, to write nothing.
    /// Returns what is stored afterwards (null when nothing is).
    /// </summary>
    public Task<StoredDocument<T>?> WriteAsync(string partitionKey, string id, Func<T?, T?> change, CancellationToken cancellationToken = default) =>
        WriteAsync(partitionKey, id, read: null, change, cancellationToken);

    private async Task<StoredDocument<T>?> WriteAsync(string partitionKey, string id, StoredDocument<T>? read, Func<T?, T?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = attempt == 1 && read is not null ? read : await store.FindAsync(partitionKey, id, cancellationToken);
            var updated = change(current?.Value);
            if (updated is null || ReferenceEquals(updated, current?.Value))
            {
                return current;
            }

            StoredDocument<T> written;
            try
            {
                written = current is null
                    ? await store.CreateAsync(partitionKey, id, updated, Options(updated), cancellationToken)
                    : await store.ReplaceAsync(partitionKey, id, updated, current.ETag, Options(updated), cancellationToken);
            }
            catch (Exception e) when (e is DocumentPreconditionFailedException or DocumentConflictException or DocumentNotFoundException)
            {
                // Someone else created, changed or removed it since the read: read again and decide again.
                if (attempt >= policy.MaxAttempts)
                {
                    throw new WriteConflictException(id, attempt, e as DocumentPreconditionFailedException ?? new DocumentPreconditionFailedException(id));
                }

                // Wall-clock backoff, not the platform's clock: a test's frozen clock must not hold a retry.
                await Task.Delay(policy.DelayAfter(attempt), cancellationToken);
                continue;
            }

            await PublishAsync(written, cancellationToken);
            return written;
        }
    }

    private Task PublishAsync(StoredDocument<T> written, CancellationToken cancellationToken)
    {
        if (!written.Value.HasPendingEvents)
        {
            return Task.CompletedTask;
        }

        if (relay is null)
        {
            return outbox.DispatchAsync(written, cancellationToken: cancellationToken);
        }

        // Not the caller's token: the write is committed, so its events go out even if the caller gives up now.
        relay.Publish(() => outbox.DispatchAsync(written));
        return Task.CompletedTask;
    }

    private DocumentWriteOptions? Options(T value) =>
        value.TimeToLiveAt(time.GetUtcNow()) is { } timeToLive ? new DocumentWriteOptions(timeToLive) : null;
}
