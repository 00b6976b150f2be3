using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// Records the last hash of every shard that grew since the previous checkpoint in the immutable store. It runs under an
/// identity of its own (in Azure, the Notifications app's: read-only on the trail, the only writer of the checkpoint
/// container), so the trail's writer cannot produce a checkpoint to match a chain it rewrote.
/// </summary>
public sealed class AuditCheckpointWriter(AuditTrail trail, IAuditCheckpointStore store, IOptions<AuditOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim writing = new(1, 1);
    private Dictionary<string, AuditShardTail>? lastWritten;

    /// <summary>Writes a checkpoint of the shards that grew; null when none did.</summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var from = now - options.Value.CheckpointLookback;
            lastWritten ??= await LatestAsync(from - options.Value.CheckpointLookback, now, cancellationToken);
            var grown = new List<AuditShardTail>();
            foreach (var partition in trail.Shards.PartitionsBetween(from, now))
            {
                var known = lastWritten.GetValueOrDefault(partition);
                var tail = await trail.FindTailAsync(partition, cancellationToken);
                if (tail.Sequence > 0 && tail != known)
                {
                    grown.Add(tail);
                }
            }

            if (grown.Count == 0)
            {
                return null;
            }

            var checkpoint = new AuditCheckpoint(now, grown);
            await store.AppendAsync(checkpoint, cancellationToken);
            foreach (var tail in grown)
            {
                lastWritten[tail.Shard] = tail;
            }

            // Shards older than the look-back are never checked again by this writer.
            foreach (var shard in lastWritten.Keys.Where(shard => AuditShards.BucketStartOf(shard) < from - options.Value.Bucket).ToArray())
            {
                lastWritten.Remove(shard);
            }

            return checkpoint;
        }
        finally
        {
            writing.Release();
        }
    }

    private async Task<Dictionary<string, AuditShardTail>> LatestAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, AuditShardTail>(StringComparer.Ordinal);
        foreach (var checkpoint in (await store.ReadAsync(from, to, cancellationToken)).OrderBy(checkpoint => checkpoint.Time))
        {
            foreach (var tail in checkpoint.Shards)
            {
                latest[tail.Shard] = tail;
            }
        }

        return latest;
    }
}
