using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;
using static LoanPlatform.BuildingBlocks.Tests.Audit.AuditTrailHost;

namespace LoanPlatform.BuildingBlocks.Tests.Audit;

/// <summary>
/// The trail's blocks: a batch to one shard is one document of at most <see cref="AuditBlock.MaxRecords"/> records; a
/// writer that loses the race for a block links to the winner's last record; a record edited, removed from inside a
/// block or a whole block deleted is caught at its sequence; a source is recorded once across batches and writers.
/// </summary>
public sealed class AuditBlockTests : IAsyncLifetime
{
    // Sourced records' time: fixed, so the same source is the same record however often it is built.
    private static readonly DateTimeOffset Minute = new(DateTimeOffset.UtcNow.UtcTicks - (DateTimeOffset.UtcNow.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private readonly AuditTrailHosts hosts = new("loanplatform-audit-blocks-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => hosts.DisposeAsync().AsTask();

    [Fact]
    public async Task A_batch_to_one_shard_lands_as_one_block_and_a_long_one_in_blocks_of_at_most_the_maximum()
    {
        var host = await StartAsync();
        await host.Trail.AppendManyAsync(Records("a", 30), deduplicate: false);
        var partition = PartitionOf(host);
        Assert.Equal([Sequences(1, 30)], await host.BlocksOfAsync(partition));

        await host.Trail.AppendManyAsync(Records("b", 250), deduplicate: false);

        Assert.Equal([Sequences(1, 30), Sequences(31, 130), Sequences(131, 230), Sequences(231, 280)], await host.BlocksOfAsync(partition));
        Assert.Equal(new AuditVerification(true, 280, 1, 0, null, null), await VerifyAsync(host));
    }

    [Fact]
    public async Task A_gathering_batch_goes_into_the_block_of_a_change_appended_to_its_shard_meanwhile()
    {
        var host = await StartAsync();
        var gathering = host.Trail.AppendManyAsync(Records("gateway", 3), deduplicate: false, gather: TimeSpan.FromMinutes(1));

        // A change cannot wait: it is written at once, and takes the gathered records along.
        var change = await host.Trail.AppendAsync(Sourced(0, 1)[0]);
        await gathering.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, change.Sequence);
        Assert.Equal([Sequences(1, 4)], await host.BlocksOfAsync(PartitionOf(host)));
        Assert.Equal(new AuditVerification(true, 4, 1, 0, null, null), await VerifyAsync(host));
    }

    [Fact]
    public async Task A_gathering_batch_with_no_company_is_written_when_its_window_ends()
    {
        var host = await StartAsync();

        await host.Trail.AppendManyAsync(Records("gateway", 3), deduplicate: false, gather: TimeSpan.FromMilliseconds(200)).WaitAsync(TimeSpan.FromSeconds(10));
        await host.Trail.AppendManyAsync(Sourced(0, 2), deduplicate: true, gather: TimeSpan.FromMilliseconds(200)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([Sequences(1, 3), Sequences(4, 5)], await host.BlocksOfAsync(PartitionOf(host)));
    }

    [Fact]
    public async Task A_writer_whose_block_was_taken_by_another_links_to_the_winners_last_record()
    {
        var host = await StartAsync();
        var other = await StartAsync();
        await host.Trail.AppendManyAsync(Records("a", 5), deduplicate: false);
        // The other process takes block 2 while this one still believes block 1 is the tail.
        await other.Trail.AppendManyAsync(Records("b", 5), deduplicate: false);

        await host.Trail.AppendManyAsync(Records("c", 5), deduplicate: false);

        var partition = PartitionOf(host);
        Assert.Equal([Sequences(1, 5), Sequences(6, 10), Sequences(11, 15)], await host.BlocksOfAsync(partition));
        var chain = await host.Trail.ReadShardAsync(partition);
        Assert.Equal(["a", "b", "c"], chain.Select(r => r.Actor[..1]).Distinct());
        Assert.Equal(new AuditVerification(true, 15, 1, 0, null, null), await VerifyAsync(host));
    }

    [Fact]
    public async Task A_record_edited_inside_a_block_is_caught_at_its_sequence()
    {
        var host = await StartAsync();
        await host.Trail.AppendManyAsync(Records("a", 10), deduplicate: false);
        var partition = PartitionOf(host);

        await host.EditBlockOfAsync(partition, 5, records => records.Select(r => r.Sequence == 5 ? r with { Outcome = "denied" } : r));

        Assert.Equal(new AuditVerification(false, 4, 1, 0, partition, 5), await VerifyAsync(host));
    }

    [Fact]
    public async Task A_record_taken_out_of_a_block_is_caught_at_its_place()
    {
        var host = await StartAsync();
        await host.Trail.AppendManyAsync(Records("a", 10), deduplicate: false);
        var partition = PartitionOf(host);

        await host.EditBlockOfAsync(partition, 5, records => records.Where(r => r.Sequence != 5));

        Assert.Equal(new AuditVerification(false, 4, 1, 0, partition, 5), await VerifyAsync(host));
    }

    [Fact]
    public async Task A_deleted_block_is_caught_at_its_first_record()
    {
        var host = await StartAsync();
        foreach (var batch in new[] { "a", "b", "c" })
        {
            await host.Trail.AppendManyAsync(Records(batch, 4), deduplicate: false);
        }

        var partition = PartitionOf(host);
        await host.DeleteBlockOfAsync(partition, 6);

        Assert.Equal(new AuditVerification(false, 4, 1, 0, partition, 5), await VerifyAsync(host));
    }

    [Fact]
    public async Task A_source_is_recorded_once_across_batches_single_appends_and_writers()
    {
        var host = await StartCountingAsync();
        var first = Sourced(0, 10);
        await host.Trail.AppendManyAsync(first, deduplicate: false);

        // A batch handed over again with more behind it, a single append of an earlier source, and the same batch in a
        // process that found the shard already written.
        await host.Trail.AppendManyAsync(Sourced(5, 10), deduplicate: true);
        var again = await host.Trail.AppendAsync(first[3]);
        var other = await StartCountingAsync();
        await other.Trail.AppendManyAsync(Sourced(0, 15), deduplicate: true);

        var chain = await host.Trail.ReadShardAsync(PartitionOf(host));
        Assert.Equal(15, chain.Count);
        Assert.Equal(15, chain.Select(r => r.SourceEventId).Distinct().Count());
        Assert.Equal(chain[3], again);
        Assert.True((await VerifyAsync(host)).Valid);
        // The shard was small: the joining writer read it whole once rather than once per record.
        Assert.Equal(1, CountingStore.Of(other).Queries);
    }

    [Fact]
    public async Task A_source_another_writer_recorded_after_this_one_found_the_tail_is_found_on_the_way_to_a_free_block()
    {
        var host = await StartAsync();
        var other = await StartAsync();
        await host.Trail.AppendManyAsync(Sourced(0, 3), deduplicate: false);
        var recorded = await other.Trail.AppendAsync(Sourced(3, 1)[0]);

        var again = await host.Trail.AppendAsync(Sourced(3, 1)[0]);

        Assert.Equal(recorded, again);
        Assert.Equal(4, (await VerifyAsync(host)).Checked);
    }

    [Fact]
    public async Task The_once_per_event_check_queries_only_for_an_event_older_than_the_writer()
    {
        var host = await StartCountingAsync();
        // More records than a joining writer reads whole: it asks for the one block it needs instead.
        await host.Trail.AppendManyAsync(Records("filler", 1000), deduplicate: false);
        foreach (var record in Sourced(0, 20).Concat(Sourced(5, 5)))
        {
            await host.Trail.AppendAsync(record);
        }

        Assert.Equal(0, CountingStore.Of(host).Queries);
        Assert.Equal(1020, (await host.Trail.ReadShardAsync(PartitionOf(host))).Count);

        // A process that finds the shard already written looks up an event that occurred before it came, once.
        var other = await StartCountingAsync();
        var again = await other.Trail.AppendAsync(Sourced(3, 1)[0]);
        await other.Trail.AppendAsync(Sourced(3, 1)[0]);
        foreach (var i in Enumerable.Range(0, 5))
        {
            await other.Trail.AppendAsync(Entry($"later-{i}", time: DateTimeOffset.UtcNow.AddSeconds(20)) with { SourceEventId = $"later-{i}" });
        }

        Assert.Equal(1004, again.Sequence);
        Assert.Equal(1, CountingStore.Of(other).Queries);
        Assert.Equal(new AuditVerification(true, 1025, (await VerifyAsync(host)).Shards, 0, null, null), await VerifyAsync(host));
    }

    private static AuditRecord[] Records(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Entry($"{prefix}-{i}"))];

    private static AuditRecord[] Sourced(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => Entry($"user-{i}", time: Minute) with { CorrelationId = $"c{i}", SourceEventId = $"event-{i}" })];

    private static long[] Sequences(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i)];

    private static string PartitionOf(AuditTrailHost host) => host.Trail.Shards.PartitionOf(Entry("any", time: Minute));

    private static Task<AuditVerification> VerifyAsync(AuditTrailHost host) =>
        host.Trail.VerifyAsync(DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddMinutes(1));

    private Task<AuditTrailHost> StartAsync() => hosts.StartAsync(new Dictionary<string, string?> { ["Audit:Shards"] = "1" });

    // The blocks in a store that counts queries (the service's own file here: where they are does not matter).
    private Task<AuditTrailHost> StartCountingAsync() => hosts.StartAsync(new Dictionary<string, string?> { ["Audit:Shards"] = "1" }, services => services
        .AddDocumentType<AuditBlock>(AuditExtensions.BlockDocumentType)
        .AddSingleton(provider => new CountingStore(provider.GetRequiredService<IDocumentStore<AuditBlock>>()))
        .AddKeyedSingleton<IDocumentStore<AuditBlock>>(AuditExtensions.StoreName, (provider, _) => provider.GetRequiredService<CountingStore>()));

    private sealed class CountingStore(IDocumentStore<AuditBlock> inner) : IDocumentStore<AuditBlock>
    {
        private int queries;

        public int Queries => queries;

        public static CountingStore Of(AuditTrailHost host) => host.Services.GetRequiredService<CountingStore>();

        public Task<StoredDocument<AuditBlock>?> FindAsync(string partitionKey, string id, CancellationToken cancellationToken = default) =>
            inner.FindAsync(partitionKey, id, cancellationToken);

        public Task<StoredDocument<AuditBlock>> CreateAsync(string partitionKey, string id, AuditBlock value, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.CreateAsync(partitionKey, id, value, options, cancellationToken);

        public Task<StoredDocument<AuditBlock>> ReplaceAsync(string partitionKey, string id, AuditBlock value, string ifMatchETag, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.ReplaceAsync(partitionKey, id, value, ifMatchETag, options, cancellationToken);

        public Task<bool> DeleteAsync(string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(partitionKey, id, ifMatchETag, cancellationToken);

        public IAsyncEnumerable<StoredDocument<AuditBlock>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref queries);
            return inner.QueryAsync(query, cancellationToken);
        }
    }
}
