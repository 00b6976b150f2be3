using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// The append-only, hash-chained trail, split into shards (<see cref="AuditShards"/>): each partition is a chain of its
/// own, numbered from 1, stored as numbered blocks of consecutive records (<see cref="AuditBlock"/>). A batch claims its
/// place by creating the next block: a conflict means another writer took that number, so this one reads the blocks
/// added since, links to the last one's last record and tries the number after it. Nothing is ever replaced, which is
/// why the writing identity needs only create and read rights. Appends to one shard that wait for each other in a
/// process go in one block together.
/// A record with a <see cref="AuditRecord.SourceEventId"/> is appended once when asked to deduplicate: the writer knows
/// the sources of every block it wrote or read since it found the shard's tail, so the check costs no store call; only
/// for an event that occurred before then does it look back (a small shard read whole once, a larger one asked for the
/// block holding that source).
/// </summary>
public sealed class AuditTrail(
    [FromKeyedServices(AuditExtensions.StoreName)] IDocumentStore<AuditBlock> blocks,
    AuditShards shards,
    IAuditCheckpointStore checkpoints,
    IOptions<AuditOptions> options,
    TimeProvider time)
{
    private const int MaxAttempts = 50;

    // What a record's sequence and two hashes add to its size in a block (and its source id, once more in the block's list).
    private const int LinkBytes = 160;

    // A shard of at most this many records (~550 KB) is read whole when a writer that joined it must look back.
    private const int ReadWholeUpTo = 1000;

    /// <summary>
    /// How far the hosts' clocks may differ (they keep time by NTP, to well within this): an event that occurred later
    /// than this after a writer found a shard's tail cannot have been recorded before, so it is looked for only among the
    /// blocks the writer knows, with no store call.
    /// </summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many partitions one search page reads at most, so a page's cost is bounded however sparse the matches: a day
    /// of 16 shards fits in one page, so the default search answers in one.
    /// </summary>
    public const int MaxPartitionsPerPage = 512;

    /// <summary>
    /// How long an append whose records are already safe elsewhere (the spool, a document's outbox) gathers in its shards'
    /// queues: waiting delays only when the records can be searched, and a second keeps that well within what an auditor
    /// notices, while a block then holds a second of its shard's records instead of one.
    /// </summary>
    public static readonly TimeSpan GatherWindow = TimeSpan.FromSeconds(1);

    // Writers in one process take turns per shard; across processes the store's create-only ids decide.
    private readonly ConcurrentDictionary<string, ShardWriter> writers = new(StringComparer.Ordinal);

    // Where FindTailAsync last found each shard's tail, so the next look starts there.
    private readonly ConcurrentDictionary<string, BlockTail> tails = new(StringComparer.Ordinal);

    private AuditOptions Options => options.Value;

    /// <summary>The id of a shard's block <paramref name="number"/> (numbered from 1).</summary>
    public static string IdOf(long number) => number.ToString("D19", CultureInfo.InvariantCulture);

    public AuditShards Shards => shards;

    /// <summary>
    /// Appends one record to its shard, in one block with whatever else waits for the shard in this process; one with a
    /// source event id is appended once however often it comes.
    /// </summary>
    public async Task<AuditRecord> AppendAsync(AuditRecord entry, CancellationToken cancellationToken = default)
    {
        var pending = new PendingRecord(entry, entry.SourceEventId is not null);
        await AppendQueuedAsync([(shards.PartitionOf(entry), [pending])], TimeSpan.Zero, cancellationToken);
        return await pending.Appended.Task;
    }

    /// <summary>
    /// Appends a batch: shards in parallel (up to <see cref="AuditOptions.AppendParallelism"/>), each shard's records in
    /// their order in one turn with whatever else waits for the shard, as few blocks as <see cref="AuditBlock.MaxRecords"/>
    /// allows. <paramref name="deduplicate"/> looks each record's source id up first (for a batch that may have been
    /// appended before). With <paramref name="gather"/>, each shard's records first wait up to that long in its queue, so
    /// an append that comes for the shard meanwhile (a service's change, which cannot wait) takes them along in its block
    /// instead of each writing one: at a few records a second per shard, that is what lets a block hold several.
    /// </summary>
    public Task AppendManyAsync(IReadOnlyList<AuditRecord> entries, bool deduplicate, TimeSpan gather = default, CancellationToken cancellationToken = default) =>
        AppendQueuedAsync(
            [.. entries.GroupBy(shards.PartitionOf, StringComparer.Ordinal)
                .Select(shard => (shard.Key, shard.Select(entry => new PendingRecord(entry, deduplicate && entry.SourceEventId is not null)).ToList()))],
            gather,
            cancellationToken);

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
    /// Walks every shard whose bucket overlaps the range, record by record whatever block holds it: an edited record no
    /// longer matches its hash, a deleted block or a record taken out of one leaves a gap or a previous hash that does not
    /// match, and every checkpoint naming the shard must still hold — the record at its sequence exists and has its hash —
    /// which catches a deleted tail and a chain recomputed after an edit.
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
    /// The last record of a shard, found with point reads of its blocks only (the store's queries have no order): probing
    /// forward in doubling steps from where this trail last found it (or the first block), then halving the gap.
    /// </summary>
    public async Task<AuditShardTail> FindTailAsync(string partition, CancellationToken cancellationToken = default)
    {
        if (!tails.TryGetValue(partition, out var known))
        {
            // A shard first looked at: let go of those the checkpoint writer no longer looks at.
            Forget(tails, Options.CheckpointLookback + (2 * Options.Bucket));
        }

        var tail = await FindBlockTailAsync(partition, known, cancellationToken);
        tails[partition] = tail;
        return tail.Last;
    }

    /// <summary>One shard's records in sequence order.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadShardAsync(string partition, CancellationToken cancellationToken = default)
    {
        var all = new List<AuditRecord>();
        await foreach (var stored in blocks.QueryAsync(DocumentQuery.InPartition(partition), cancellationToken))
        {
            all.AddRange(stored.Value.Records);
        }

        // The adapters stream in different orders; the walk must not depend on it.
        all.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return all;
    }

    /// <summary>
    /// Queues each shard's records, waits up to <paramref name="gather"/> for another turn to take them along, then takes
    /// each shard's turn whose records are still waiting and appends everything queued for it.
    /// </summary>
    private async Task AppendQueuedAsync(List<(string Partition, List<PendingRecord> Pending)> byShard, TimeSpan gather, CancellationToken cancellationToken)
    {
        // Each shard's writer is found once: the turn taken below must be that of the queue the records wait in.
        var queues = byShard.Select(shard => (shard.Partition, Writer: WriterOf(shard.Partition), shard.Pending)).ToList();
        foreach (var (_, writer, pending) in queues)
        {
            pending.ForEach(writer.Queued.Enqueue);
        }

        var appended = Task.WhenAll(byShard.SelectMany(shard => shard.Pending).Select(pending => pending.Appended.Task));
        if (gather > TimeSpan.Zero)
        {
            // Wall-clock, not the platform's clock: a test's frozen clock must not hold the records.
            await Task.WhenAny(appended, Task.Delay(gather, cancellationToken));
        }

        await Parallel.ForEachAsync(
            queues.Where(shard => shard.Pending.Exists(pending => !pending.Appended.Task.IsCompleted)),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.AppendParallelism ?? Options.Shards), CancellationToken = cancellationToken },
            async (shard, token) =>
            {
                var writer = shard.Writer;
                await writer.Turn.WaitAsync(token);
                try
                {
                    if (shard.Pending.Exists(pending => !pending.Appended.Task.IsCompleted))
                    {
                        // Not this caller's token: the block holds other callers' records too. (A caller cancelled while
                        // waiting leaves its records queued for the next turn: appended at least once, and once per source.)
                        await AppendInTurnAsync(writer, shard.Partition, writer.TakeQueued(), CancellationToken.None);
                    }
                }
                finally
                {
                    writer.Turn.Release();
                }
            });
        await appended;
    }

    /// <summary>
    /// Appends <paramref name="entries"/> in their order, in blocks, and completes each one's task with its record (or
    /// the one already recorded for its source); never throws, a failure fails the tasks of the records not appended.
    /// </summary>
    private async Task AppendInTurnAsync(ShardWriter writer, string partition, List<PendingRecord> entries, CancellationToken cancellationToken)
    {
        try
        {
            if (writer.Tail is null)
            {
                writer.Tail = await FindBlockTailAsync(partition, null, cancellationToken);
                // An empty shard: every block from here on is one this writer writes or reads on its way to a free number.
                writer.KnowsAll = writer.Tail.Block == 0;
                writer.KnownSince = time.GetUtcNow();
            }

            var left = new Queue<PendingRecord>(entries);
            while (left.Count > 0)
            {
                var block = new List<PendingRecord>();
                var followers = new List<(PendingRecord Follower, PendingRecord Leader)>();
                var bytes = 0;
                while (block.Count < AuditBlock.MaxRecords && left.TryPeek(out var next))
                {
                    var size = Encoding.UTF8.GetByteCount(AuditHash.CanonicalJson(next.Entry)) + LinkBytes + (next.Entry.SourceEventId?.Length ?? 0);
                    if (block.Count > 0 && bytes + size > AuditBlock.MaxBytes)
                    {
                        break;
                    }

                    left.Dequeue();
                    if (next.Deduplicate)
                    {
                        if (block.Find(other => other.Entry.SourceEventId == next.Entry.SourceEventId) is { } leader)
                        {
                            followers.Add((next, leader));
                            continue;
                        }

                        if (await RecordedAsync(writer, partition, next.Entry, cancellationToken) is { } recorded)
                        {
                            next.Appended.TrySetResult(recorded);
                            continue;
                        }
                    }

                    block.Add(next);
                    bytes += size;
                }

                await WriteBlockAsync(writer, partition, block, cancellationToken);
                foreach (var (follower, leader) in followers)
                {
                    follower.Appended.TrySetResult(await leader.Appended.Task);
                }
            }
        }
        catch (Exception e)
        {
            foreach (var entry in entries)
            {
                entry.Appended.TrySetException(e);
            }
        }
    }

    private async Task WriteBlockAsync(ShardWriter writer, string partition, List<PendingRecord> block, CancellationToken cancellationToken)
    {
        for (var attempt = 1; block.Count > 0; attempt++)
        {
            var tail = writer.Tail!;
            var records = Link(tail.Last, block.Select(pending => pending.Entry));
            try
            {
                await blocks.CreateAsync(partition, IdOf(tail.Block + 1), new AuditBlock(records), new DocumentWriteOptions(TimeToLiveOf(records)), cancellationToken);
                writer.Advance(partition, tail.Block + 1, records);
                for (var i = 0; i < block.Count; i++)
                {
                    block[i].Appended.TrySetResult(records[i]);
                }

                return;
            }
            catch (DocumentConflictException) when (attempt < MaxAttempts)
            {
                // Another writer took this number: read on to the shard's last block, then link to its last record.
                await CatchUpAsync(writer, partition, block, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Reads the blocks other writers added after this writer's tail, one by one so it learns every source they hold, and
    /// leaves out of <paramref name="block"/> the records they already hold.
    /// </summary>
    private async Task CatchUpAsync(ShardWriter writer, string partition, List<PendingRecord> block, CancellationToken cancellationToken)
    {
        while (await blocks.FindAsync(partition, IdOf(writer.Tail!.Block + 1), cancellationToken) is { } taken)
        {
            writer.Advance(partition, writer.Tail.Block + 1, taken.Value.Records);
            foreach (var pending in block.Where(pending => pending.Deduplicate).ToArray())
            {
                if (taken.Value.Records.FirstOrDefault(record => record.SourceEventId == pending.Entry.SourceEventId) is { } recorded)
                {
                    pending.Appended.TrySetResult(recorded);
                    block.Remove(pending);
                }
            }
        }
    }

    /// <summary>The record already in the shard for <paramref name="entry"/>'s source, or null.</summary>
    private async Task<AuditRecord?> RecordedAsync(ShardWriter writer, string partition, AuditRecord entry, CancellationToken cancellationToken)
    {
        var source = entry.SourceEventId!;
        if (writer.Sources.TryGetValue(source, out var holder))
        {
            // A delivery again comes soon after the first, so the block is usually one the writer still holds.
            var records = writer.RecentBlock(holder) ?? (await blocks.FindAsync(partition, IdOf(holder), cancellationToken))?.Value.Records ?? [];
            return records.FirstOrDefault(record => record.SourceEventId == source);
        }

        if (writer.KnowsAll || entry.Time > writer.KnownSince + ClockSkew)
        {
            return null;
        }

        // The event may have been recorded before this writer found the tail: a small shard is read whole once (one
        // query instead of one per record), a larger one asked for the block that holds this source.
        var wholeShard = writer.Tail!.Last.Sequence <= ReadWholeUpTo;
        var query = wholeShard
            ? DocumentQuery.InPartition(partition)
            : DocumentQuery.InPartition(partition).AndContains("sourceEventIds", source) with { MaxItems = 1 };
        AuditRecord? recorded = null;
        await foreach (var stored in blocks.QueryAsync(query, cancellationToken))
        {
            writer.Learn(long.Parse(stored.Id, NumberStyles.None, CultureInfo.InvariantCulture), stored.Value.Records);
            recorded ??= stored.Value.Records.FirstOrDefault(record => record.SourceEventId == source);
        }

        writer.KnowsAll |= wholeShard;
        return recorded;
    }

    private async Task<BlockTail> FindBlockTailAsync(string partition, BlockTail? known, CancellationToken cancellationToken)
    {
        var last = known is { Block: > 0 } ? known : null;
        if (last is null)
        {
            if (await blocks.FindAsync(partition, IdOf(1), cancellationToken) is not { } first)
            {
                return new BlockTail(0, new AuditShardTail(partition, 0, AuditHash.Genesis));
            }

            last = BlockTail.Of(partition, 1, first.Value.Records, null);
        }

        long missing;
        for (long step = 1; ; step *= 2)
        {
            if (await blocks.FindAsync(partition, IdOf(last.Block + step), cancellationToken) is not { } found)
            {
                missing = last.Block + step;
                break;
            }

            last = BlockTail.Of(partition, last.Block + step, found.Value.Records, last);
        }

        while (missing - last.Block > 1)
        {
            var middle = last.Block + ((missing - last.Block) / 2);
            if (await blocks.FindAsync(partition, IdOf(middle), cancellationToken) is { } found)
            {
                last = BlockTail.Of(partition, middle, found.Value.Records, last);
            }
            else
            {
                missing = middle;
            }
        }

        return last;
    }

    private ShardWriter WriterOf(string partition)
    {
        if (writers.TryGetValue(partition, out var writer))
        {
            return writer;
        }

        // A shard first written: let go of the writers of buckets long past, and the sources they knew.
        Forget(writers, 2 * Options.Bucket);
        return writers.GetOrAdd(partition, _ => new ShardWriter());
    }

    private void Forget<T>(ConcurrentDictionary<string, T> byPartition, TimeSpan age)
    {
        var before = time.GetUtcNow() - age;
        foreach (var partition in byPartition.Keys.Where(partition => AuditShards.BucketStartOf(partition) < before))
        {
            byPartition.TryRemove(partition, out _);
        }
    }

    private static List<AuditRecord> Link(AuditShardTail tail, IEnumerable<AuditRecord> entries)
    {
        var linked = new List<AuditRecord>();
        var (sequence, previousHash) = (tail.Sequence, tail.Hash);
        foreach (var entry in entries)
        {
            var record = entry with { Sequence = ++sequence, PreviousHash = previousHash, Hash = "" };
            record = record with { Hash = AuditHash.Compute(record) };
            linked.Add(record);
            previousHash = record.Hash;
        }

        return linked;
    }

    // Counted from the newest record's own time, so a bucket's records expire together and none before its retention.
    private TimeSpan TimeToLiveOf(List<AuditRecord> records)
    {
        var left = Options.Retention - (time.GetUtcNow() - records.Max(record => record.Time));
        return left > TimeSpan.FromHours(1) ? left : TimeSpan.FromHours(1);
    }

    // Read in partition order (which the continuation follows); shown oldest first within the page.
    private static AuditPage PageOf(List<AuditRecord> items, string? next) => new([.. items.OrderBy(record => record.Time)], next);

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

    /// <summary>A shard's last block and its last record (block 0 and the genesis hash when empty).</summary>
    private sealed record BlockTail(long Block, AuditShardTail Last)
    {
        /// <summary>The tail at block <paramref name="number"/>; an empty block (only ever one edited) keeps the last record before it.</summary>
        public static BlockTail Of(string partition, long number, IReadOnlyList<AuditRecord> records, BlockTail? before) =>
            new(number, records is [.., var last] ? new AuditShardTail(partition, last.Sequence, last.Hash) : before?.Last ?? new AuditShardTail(partition, 0, AuditHash.Genesis));
    }

    private sealed record PendingRecord(AuditRecord Entry, bool Deduplicate)
    {
        public TaskCompletionSource<AuditRecord> Appended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ShardWriter
    {
        private const int RecentBlocks = 16;

        private readonly Queue<(long Number, IReadOnlyList<AuditRecord> Records)> recent = new();

        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>Appends waiting for the turn: whoever takes it writes them all.</summary>
        public ConcurrentQueue<PendingRecord> Queued { get; } = new();

        /// <summary>Everything queued, in order; called by whoever holds the turn.</summary>
        public List<PendingRecord> TakeQueued()
        {
            var queued = new List<PendingRecord>();
            while (Queued.TryDequeue(out var next))
            {
                queued.Add(next);
            }

            return queued;
        }

        /// <summary>The shard's last block as this process knows it; found on first use.</summary>
        public BlockTail? Tail { get; set; }

        /// <summary>The block of each source this writer has seen: every block since <see cref="KnownSince"/> (all of them when <see cref="KnowsAll"/>).</summary>
        public Dictionary<string, long> Sources { get; } = new(StringComparer.Ordinal);

        public bool KnowsAll { get; set; }

        public DateTimeOffset KnownSince { get; set; }

        public void Learn(long number, IReadOnlyList<AuditRecord> records)
        {
            foreach (var record in records)
            {
                if (record.SourceEventId is { } source)
                {
                    Sources[source] = number;
                }
            }
        }

        public void Advance(string partition, long number, IReadOnlyList<AuditRecord> records)
        {
            Learn(number, records);
            Tail = BlockTail.Of(partition, number, records, Tail);
            recent.Enqueue((number, records));
            if (recent.Count > RecentBlocks)
            {
                recent.Dequeue();
            }
        }

        /// <summary>The records of block <paramref name="number"/> if it is one of the last this writer wrote or read.</summary>
        public IReadOnlyList<AuditRecord>? RecentBlock(long number) =>
            recent.FirstOrDefault(block => block.Number == number).Records;
    }
}
