using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static LoanPlatform.BuildingBlocks.Tests.Audit.AuditTrailHost;

namespace LoanPlatform.BuildingBlocks.Tests.Audit;

/// <summary>
/// The sharded trail on the embedded store: each shard is a chain of its own claimed by create-only sequence documents;
/// editing, deleting and recomputing a chain are caught (the last against the checkpoints); searches page across
/// shards; a source is appended once; records expire after the retention.
/// </summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly AuditTrailHosts hosts = new("loanplatform-audit-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => hosts.DisposeAsync().AsTask();

    [Fact]
    public async Task Appends_to_one_shard_are_numbered_from_one_and_each_carries_the_previous_hash()
    {
        var host = await StartAsync(shards: 1);
        var first = await host.Trail.AppendAsync(Entry("a"));
        var second = await host.Trail.AppendAsync(Entry("b"));

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditHash.Genesis, first.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(AuditHash.Compute(second), second.Hash);
        Assert.Equal(new AuditVerification(true, 2, 1, 0, null, null), await VerifyAsync(host));
    }

    [Fact]
    public async Task Records_spread_over_shards_by_resource_and_each_shard_is_an_unbroken_chain_of_its_own()
    {
        var host = await StartAsync(shards: 4);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => host.Trail.AppendAsync(Entry($"user-{i}", $"/loans/{i}"))));

        var partitions = host.Trail.Shards.PartitionsBetween(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow).ToArray();
        var chains = await Task.WhenAll(partitions.Select(p => host.Trail.ReadShardAsync(p)));
        Assert.True(chains.Count(chain => chain.Count > 0) > 1, "40 resources should not all hash to one shard");
        Assert.All(chains, chain => Assert.Equal(Enumerable.Range(1, chain.Count).Select(i => (long)i), chain.Select(r => r.Sequence)));
        var verification = await VerifyAsync(host);
        Assert.True(verification.Valid);
        Assert.Equal(40, verification.Checked);
    }

    [Fact]
    public async Task The_partition_holds_one_time_bucket_of_one_shard()
    {
        var host = await StartAsync(shards: 2);
        var partition = host.Trail.Shards.PartitionOf(Entry("a", "/loans/1", Noon));

        Assert.Equal(Noon, AuditShards.BucketStartOf(partition));
        Assert.Equal(partition, host.Trail.Shards.PartitionOf(Entry("b", "/loans/1", Noon.AddMinutes(59))));
        Assert.NotEqual(partition, host.Trail.Shards.PartitionOf(Entry("c", "/loans/1", Noon.AddHours(1))));
        Assert.Equal(4, host.Trail.Shards.PartitionsBetween(Noon, Noon.AddMinutes(90)).Count());
    }

    [Fact]
    public async Task Two_processes_appending_to_one_shard_make_one_chain_by_claiming_sequence_numbers()
    {
        var host = await StartAsync(shards: 1);
        var other = await StartAsync(shards: 1);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? host : other).Trail.AppendAsync(Entry($"user-{i}"))));

        Assert.Equal(new AuditVerification(true, 30, 1, 0, null, null), await VerifyAsync(host));
    }

    [Fact]
    public async Task An_edited_record_is_caught_at_its_sequence()
    {
        var host = await StartAsync(shards: 1);
        var partition = await AppendAsync(host, 3);
        await host.EditBlockOfAsync(partition, 2, records => records.Select(r => r.Sequence == 2 ? r with { Outcome = "denied" } : r));

        Assert.Equal(new AuditVerification(false, 1, 1, 0, partition, 2), await VerifyAsync(host));
    }

    [Fact]
    public async Task A_deleted_record_is_caught_at_its_place()
    {
        var host = await StartAsync(shards: 1);
        var partition = await AppendAsync(host, 3);
        await host.DeleteBlockOfAsync(partition, 2);

        Assert.Equal(new AuditVerification(false, 1, 1, 0, partition, 2), await VerifyAsync(host));
    }

    [Fact]
    public async Task A_chain_recomputed_from_an_edited_record_onward_links_up_but_fails_the_checkpoint()
    {
        var host = await StartAsync(shards: 1);
        var partition = await AppendAsync(host, 5);
        Assert.NotNull(await host.Checkpoints.WriteAsync(CancellationToken.None));

        await host.RecomputeChainAsync(partition, 2, record => record with { Outcome = "denied" });

        var chain = await host.Trail.ReadShardAsync(partition);
        Assert.All(chain, record => Assert.Equal(AuditHash.Compute(record), record.Hash));
        Assert.Equal(new AuditVerification(false, 5, 1, 1, partition, 5), await VerifyAsync(host));
    }

    [Fact]
    public async Task A_checkpoint_written_after_a_rewrite_does_not_hide_it_because_every_earlier_one_still_counts()
    {
        var host = await StartAsync(shards: 1);
        var partition = await AppendAsync(host, 4);
        await host.Checkpoints.WriteAsync(CancellationToken.None);
        await host.RecomputeChainAsync(partition, 3, record => record with { Actor = "someone-else" });
        // Whoever rewrote it adds a checkpoint of the rewritten tail; the store takes additions only.
        var rewritten = (await host.Trail.ReadShardAsync(partition))[^1];
        await host.Services.GetRequiredService<IAuditCheckpointStore>()
            .AppendAsync(new AuditCheckpoint(DateTimeOffset.UtcNow, [new AuditShardTail(partition, rewritten.Sequence, rewritten.Hash)]), CancellationToken.None);

        var verification = await VerifyAsync(host);
        Assert.False(verification.Valid);
        Assert.Equal(2, verification.Checkpoints);
        Assert.Equal(4, verification.FirstBrokenAt);
    }

    [Fact]
    public async Task A_deleted_tail_is_caught_by_the_checkpoint()
    {
        var host = await StartAsync(shards: 1);
        var partition = await AppendAsync(host, 3);
        await host.Checkpoints.WriteAsync(CancellationToken.None);
        await host.DeleteBlockOfAsync(partition, 3);

        Assert.Equal(new AuditVerification(false, 2, 1, 1, partition, 3), await VerifyAsync(host));
    }

    [Fact]
    public async Task The_checkpoint_writer_records_the_shards_that_grew_and_nothing_when_none_did()
    {
        var host = await StartAsync(shards: 4);
        var first = await host.Trail.AppendAsync(Entry("a", "/loans/a"));
        var checkpoint = await host.Checkpoints.WriteAsync(CancellationToken.None);
        Assert.Equal([new AuditShardTail(host.Trail.Shards.PartitionOf(first), 1, first.Hash)], checkpoint!.Shards);

        Assert.Null(await host.Checkpoints.WriteAsync(CancellationToken.None));

        var second = await host.Trail.AppendAsync(Entry("b", "/loans/a"));
        var next = await host.Checkpoints.WriteAsync(CancellationToken.None);
        Assert.Equal([new AuditShardTail(host.Trail.Shards.PartitionOf(second), 2, second.Hash)], next!.Shards);
        // Kept apart from the trail's database, as an append-only file.
        Assert.Equal(2, File.ReadAllLines(Path.Combine(hosts.Folder, "audit", "checkpoints.jsonl")).Length);
    }

    [Fact]
    public async Task Search_pages_through_every_shard_and_the_pages_together_hold_each_match_once()
    {
        var host = await StartAsync(shards: 4);
        await host.Trail.AppendManyAsync(Enumerable.Range(0, 25).Select(i => Entry("alice", $"/loans/{i}")).ToArray(), deduplicate: false);
        await host.Trail.AppendAsync(Entry("bob", "/loans/x"));

        var seen = new List<AuditRecord>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await host.Trail.SearchAsync("alice", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), 10, continuation);
            seen.AddRange(page.Items);
            continuation = page.Next;
            pages++;
        }
        while (continuation is not null);

        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Select(r => r.Resource).Distinct().Count());
        Assert.True(pages >= 3);
        await Assert.ThrowsAsync<InvalidAuditContinuationException>(() => host.Trail.SearchAsync(null, Noon, Noon, 10, "not-a-token"));
    }

    [Fact]
    public async Task A_page_reads_a_bounded_number_of_partitions_and_says_where_to_go_on()
    {
        var host = await StartAsync(shards: 16);
        await host.Trail.AppendAsync(Entry("alice"));
        var from = DateTimeOffset.UtcNow.AddHours(-40);
        Assert.True(host.Trail.Shards.PartitionsBetween(from, DateTimeOffset.UtcNow).Count() > AuditTrail.MaxPartitionsPerPage);

        var first = await host.Trail.SearchAsync("alice", from, DateTimeOffset.UtcNow.AddMinutes(1), 100, null);
        Assert.Empty(first.Items);
        var second = await host.Trail.SearchAsync("alice", from, DateTimeOffset.UtcNow.AddMinutes(1), 100, first.Next);
        Assert.Equal("alice", Assert.Single(second.Items).Actor);
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Search_filters_by_actor_or_resource_and_time()
    {
        var host = await StartAsync(shards: 2);
        await host.Trail.AppendAsync(Entry("alice"));
        await host.Trail.AppendAsync(Entry("bob", "/loans/alice-loan"));
        await host.Trail.AppendAsync(Entry("carol"));
        await host.Trail.AppendAsync(Entry("alice", time: DateTimeOffset.UtcNow.AddHours(-3)));

        var found = await host.Trail.SearchAsync("alice", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), 100, null);
        Assert.Equal(["alice", "bob"], found.Items.Select(r => r.Actor).Order());
        Assert.Null(found.Next);
    }

    [Fact]
    public async Task A_source_delivered_twice_is_recorded_once_alone_or_in_a_batch()
    {
        var host = await StartAsync(shards: 2);
        var first = await host.Trail.AppendAsync(Entry("alice") with { SourceEventId = "event-1" });
        await host.Trail.AppendAsync(Entry("bob"));
        var again = await host.Trail.AppendAsync(Entry("alice") with { SourceEventId = "event-1" });
        var batch = Enumerable.Range(0, 10).Select(i => Entry($"user-{i}", $"/loans/{i}") with { SourceEventId = $"batch-{i}" }).ToArray();
        await host.Trail.AppendManyAsync(batch, deduplicate: false);
        await host.Trail.AppendManyAsync(batch, deduplicate: true);

        Assert.Equal(first, again);
        Assert.Equal(new AuditVerification(true, 12, (await VerifyAsync(host)).Shards, 0, null, null), await VerifyAsync(host));
    }

    [Fact]
    public async Task Writers_in_two_processes_racing_with_the_same_source_record_it_once()
    {
        var host = await StartAsync(shards: 1);
        var other = await StartAsync(shards: 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? host : other).Trail.AppendAsync(Entry("alice") with { SourceEventId = "event-1" })));

        Assert.Single(results.Select(r => r.Sequence).Distinct());
        Assert.Equal(1, (await VerifyAsync(host)).Checked);
    }

    [Fact]
    public async Task Records_expire_after_the_configured_retention_counted_from_their_time()
    {
        var clock = new FakeTimeProvider(Noon);
        var host = await StartAsync(shards: 1, new() { ["Audit:RetentionDays"] = "2" }, services => services.AddSingleton<TimeProvider>(clock));
        var record = await host.Trail.AppendAsync(Entry("alice", time: Noon.AddDays(-1)));
        var partition = host.Trail.Shards.PartitionOf(record);

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Single(await host.Trail.ReadShardAsync(partition));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await host.Trail.ReadShardAsync(partition));
    }

    [Fact]
    public async Task The_trail_has_a_database_file_of_its_own_beside_the_services_store()
    {
        var host = await StartAsync(shards: 1);
        var record = await host.Trail.AppendAsync(Entry("alice"));
        var partition = host.Trail.Shards.PartitionOf(record);

        Assert.True(File.Exists(Path.Combine(hosts.Folder, AuditExtensions.StoreName, "audit.db")));
        var serviceStore = host.Services.GetRequiredService<IDocumentStore<AuditBlock>>();
        Assert.Empty(await serviceStore.QueryAsync(DocumentQuery.InPartition(partition)).ToListAsync());
        Assert.Single(await host.Blocks.QueryAsync(DocumentQuery.InPartition(partition)).ToListAsync());
    }

    [Fact]
    public void A_record_without_a_source_hashes_as_before_the_field_existed()
    {
        var record = Entry("alice");

        Assert.DoesNotContain("sourceEventId", AuditHash.CanonicalJson(record), StringComparison.Ordinal);
        Assert.Contains("\"sourceEventId\":\"event-1\"", AuditHash.CanonicalJson(record with { SourceEventId = "event-1" }), StringComparison.Ordinal);
    }

    private static Task<AuditVerification> VerifyAsync(AuditTrailHost host) =>
        host.Trail.VerifyAsync(DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddMinutes(1));

    private Task<AuditTrailHost> StartAsync(int shards, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var configuration = new Dictionary<string, string?>(settings ?? []) { ["Audit:Shards"] = shards.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return hosts.StartAsync(configuration, services =>
        {
            configureServices?.Invoke(services);
            services.AddDocumentType<AuditBlock>(AuditExtensions.BlockDocumentType);
        });
    }

    /// <summary>Appends <paramref name="count"/> records to the one shard of a one-shard trail; returns its partition.</summary>
    private static async Task<string> AppendAsync(AuditTrailHost host, int count)
    {
        AuditRecord? last = null;
        for (var i = 0; i < count; i++)
        {
            last = await host.Trail.AppendAsync(Entry($"user-{i}"));
        }

        return host.Trail.Shards.PartitionOf(last!);
    }
}
