using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// The append-only, hash-chained audit trail, split into shards (<see cref="AuditShards"/>): each partition is a chain of
/// its own, numbered from 1. A record claims its place by creating the document of the next sequence number: a conflict
/// means another writer took it, so this one reads that record, links to it and tries the next number. Nothing is ever
/// replaced, which is why the writing identity needs only create and read rights. A record with a
/// <see cref="AuditRecord.SourceEventId"/> is appended once when asked to deduplicate: its shard is searched for that
/// source first, and every record a racing writer created since is walked through on the way to a free number.
/// </summary>
public sealed class AuditTrail(
    [FromKeyedServices(AuditExtensions.StoreName)] IDocumentStore<AuditRecord> records,
    AuditShards shards,
    IAuditCheckpointStore checkpoints,
    IOptions<AuditOptions> options,
    TimeProvider time)
{
    private const int MaxAttempts = 50;

    /// <summary>
    /// How many partitions one search page reads at most, so a page's cost is bounded however sparse the matches: a day
    /// of 16 shards fits in one page, so the default search answers in one.
    /// </summary>
    public const int MaxPartitionsPerPage = 512;

    // Writers in one process take turns per shard; across processes the store's create-only ids decide.
    private readonly ConcurrentDictionary<string, ShardWriter> writers = new(StringComparer.Ordinal);

    private AuditOptions Options => options.Value;

    public static string IdOf(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    public AuditShards Shards => shards;

    /// <summary>Appends one record to its shard; one with a source event id is appended once however often it comes.</summary>
    public async Task<AuditRecord> AppendAsync(AuditRecord entry, CancellationToken cancellationToken = default)
    {
        var partition = shards.PartitionOf(entry);
        var writer = writers.GetOrAdd(partition, _ => new ShardWriter());
        await writer.Turn.WaitAsync(cancellationToken);
        try
        {
            return await AppendInTurnAsync(writer, partition, entry, entry.SourceEventId is not null, cancellationToken);
        }
        finally
        {
            writer.Turn.Release();
        }
    }

    /// <summary>
    /// Appends a batch: shards in parallel (up to <see cref="AuditOptions.AppendParallelism"/>), each shard's records in
    /// their order in one turn.
    /// <paramref name="deduplicate"/> looks each record's source id up first (for a batch that may have been appended before).
    /// </summary>
    public Task AppendManyAsync(IReadOnlyList<AuditRecord> entries, bool deduplicate, CancellationToken cancellationToken = default) =>
        Parallel.ForEachAsync(
            entries.GroupBy(shards.PartitionOf, StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.AppendParallelism ?? Options.Shards), CancellationToken = cancellationToken },
            async (shard, token) =>
            {
                var writer = writers.GetOrAdd(shard.Key, _ => new ShardWriter());
                await writer.Turn.WaitAsync(token);
                try
                {
                    foreach (var entry in shard)
                    {
                        await AppendInTurnAsync(writer, shard.Key, entry, deduplicate && entry.SourceEventId is not null, token);
                    }
                }
                finally
                {
                    writer.Turn.Release();
                }
            });

    /// <summary>
    /// The records of [<paramref name="from"/>, <paramref name="to"/>] that match <paramref name="subject"/> (the actor, or
    /// part of the resource), at most <paramref name="maxItems"/>, continuing after <paramref name="continuation"/>.
    /// </summary>
    public async Task<AuditPage> SearchAsync(string? subject, DateTimeOffset from, DateTimeOffset to, int maxItems, string? continuation, CancellationToken cancellationToken = default)
    {
        var (after, afterSequence) = continuation is null ? (null, 0L) : DecodeContinuation(continuation);
        var items = new List<AuditRecord>();
        var read = 0;
        foreach (var partition in shards.PartitionsBetween(from, to))
        {
            var comparison = after is null ? 1 : string.CompareOrdinal(partition, after);
            if (comparison < 0)
            {
                continue;
            }

            if (read++ == MaxPartitionsPerPage)
            {
                return PageOf(items, EncodeContinuation(partition, 0));
            }

            foreach (var record in await ReadShardAsync(partition, cancellationToken))
            {
                if ((comparison == 0 && record.Sequence <= afterSequence)
                    || record.Time < from || record.Time > to
                    || (subject is not null && record.Actor != subject && !record.Resource.Contains(subject, StringComparison.Ordinal)))
                {
                    continue;
                }

                items.Add(record);
                if (items.Count == maxItems)
                {
                    return PageOf(items, EncodeContinuation(partition, record.Sequence));
                }
            }
        }

        return PageOf(items, null);
    }

    /// <summary>
    /// Walks every shard whose bucket overlaps the range: an edited record no longer matches its hash, a deleted one leaves
    /// a gap or a previous hash that does not match, and every checkpoint naming the shard must still hold — the record at
    /// its sequence exists and has its hash — which catches a deleted tail and a chain recomputed after an edit.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var written = await checkpoints.ReadAsync(from - Options.Bucket, to + Options.CheckpointLookback + Options.Bucket + Options.CheckpointInterval, cancellationToken);
        var held = written.SelectMany(checkpoint => checkpoint.Shards).ToLookup(tail => tail.Shard, StringComparer.Ordinal);
        long checkedRecords = 0;
        int checkedShards = 0, checkedEntries = 0;
        foreach (var partition in shards.PartitionsBetween(from, to))
        {
            var chain = await ReadShardAsync(partition, cancellationToken);
            var entries = held[partition].ToArray();
            if (chain.Count == 0 && entries.Length == 0)
            {
                continue;
            }

            checkedShards++;
            checkedEntries += entries.Length;
            var previousHash = AuditHash.Genesis;
            for (var i = 0; i < chain.Count; i++)
            {
                var record = chain[i];
                if (record.Sequence != i + 1 || record.PreviousHash != previousHash || record.Hash != AuditHash.Compute(record))
                {
                    return new AuditVerification(false, checkedRecords + i, checkedShards, checkedEntries, partition, i + 1);
                }

                previousHash = record.Hash;
            }

            checkedRecords += chain.Count;
            foreach (var entry in entries.OrderBy(entry => entry.Sequence))
            {
                if (entry.Sequence > chain.Count || chain[(int)entry.Sequence - 1].Hash != entry.Hash)
                {
                    return new AuditVerification(false, checkedRecords, checkedShards, checkedEntries, partition, Math.Min(entry.Sequence, chain.Count + 1));
                }
            }
        }

        return new AuditVerification(true, checkedRecords, checkedShards, checkedEntries, null, null);
    }

    /// <summary>
    /// The last record of a shard, found with point reads only (the store's queries have no order): probing forward in
    /// doubling steps from <paramref name="known"/> (or the first record), then halving the gap.
    /// </summary>
    public async Task<AuditShardTail> FindTailAsync(string partition, AuditShardTail? known, CancellationToken cancellationToken = default)
    {
        var last = known is { Sequence: > 0 } ? known : null;
        if (last is null)
        {
            if (await records.FindAsync(partition, IdOf(1), cancellationToken) is not { } first)
            {
                return new AuditShardTail(partition, 0, AuditHash.Genesis);
            }

            last = TailOf(partition, first.Value);
        }

        long missing;
        for (long step = 1; ; step *= 2)
        {
            if (await records.FindAsync(partition, IdOf(last.Sequence + step), cancellationToken) is not { } found)
            {
                missing = last.Sequence + step;
                break;
            }

            last = TailOf(partition, found.Value);
        }

        while (missing - last.Sequence > 1)
        {
            var middle = last.Sequence + ((missing - last.Sequence) / 2);
            if (await records.FindAsync(partition, IdOf(middle), cancellationToken) is { } found)
            {
                last = TailOf(partition, found.Value);
            }
            else
            {
                missing = middle;
            }
        }

        return last;
    }

    /// <summary>One shard's records in sequence order.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadShardAsync(string partition, CancellationToken cancellationToken = default)
    {
        var all = new List<AuditRecord>();
        await foreach (var stored in records.QueryAsync(DocumentQuery.InPartition(partition), cancellationToken))
        {
            all.Add(stored.Value);
        }

        // The adapters stream in different orders; the walk must not depend on it.
        all.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return all;
    }

    private async Task<AuditRecord> AppendInTurnAsync(ShardWriter writer, string partition, AuditRecord entry, bool deduplicate, CancellationToken cancellationToken)
    {
        var tail = writer.Tail ??= await FindTailAsync(partition, null, cancellationToken);
        if (deduplicate && await FindBySourceAsync(partition, entry.SourceEventId!, cancellationToken) is { } recorded)
        {
            return recorded;
        }

        for (var attempt = 1; ; attempt++)
        {
            var linked = entry with { Sequence = tail.Sequence + 1, PreviousHash = tail.Hash, Hash = "" };
            var record = linked with { Hash = AuditHash.Compute(linked) };
            try
            {
                await records.CreateAsync(partition, IdOf(record.Sequence), record, new DocumentWriteOptions(TimeToLiveOf(record)), cancellationToken);
                writer.Tail = TailOf(partition, record);
                return record;
            }
            catch (DocumentConflictException) when (attempt < MaxAttempts)
            {
                // Another writer took this number: link to its record next, unless it is this very source's record.
                if (await records.FindAsync(partition, IdOf(record.Sequence), cancellationToken) is { } taken)
                {
                    writer.Tail = tail = TailOf(partition, taken.Value);
                    if (deduplicate && taken.Value.SourceEventId == entry.SourceEventId)
                    {
                        return taken.Value;
                    }
                }
            }
        }
    }

    // Counted from the record's own time, so a bucket's records expire together however late one was handed off.
    private TimeSpan TimeToLiveOf(AuditRecord record)
    {
        var left = Options.Retention - (time.GetUtcNow() - record.Time);
        return left > TimeSpan.FromHours(1) ? left : TimeSpan.FromHours(1);
    }

    private async Task<AuditRecord?> FindBySourceAsync(string partition, string sourceEventId, CancellationToken cancellationToken)
    {
        var query = DocumentQuery.InPartition(partition).And("sourceEventId", sourceEventId) with { MaxItems = 1 };
        await foreach (var stored in records.QueryAsync(query, cancellationToken))
        {
            return stored.Value;
        }

        return null;
    }

    // Read in partition order (which the continuation follows); shown oldest first within the page.
    private static AuditPage PageOf(List<AuditRecord> items, string? next) => new([.. items.OrderBy(record => record.Time)], next);

    private static AuditShardTail TailOf(string partition, AuditRecord record) => new(partition, record.Sequence, record.Hash);

    private static string EncodeContinuation(string partition, long sequence) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{partition}|{sequence}")));

    private static (string Partition, long Sequence) DecodeContinuation(string continuation)
    {
        var bytes = new byte[continuation.Length];
        if (Convert.TryFromBase64String(continuation, bytes, out var length)
            && Encoding.UTF8.GetString(bytes, 0, length).Split('|') is [var partition, var number]
            && AuditShards.BucketStartOf(partition) is not null
            && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return (partition, sequence);
        }

        throw new InvalidAuditContinuationException();
    }

    private sealed class ShardWriter
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>The shard's last record as this process knows it; found on first use.</summary>
        public AuditShardTail? Tail { get; set; }
    }
}
