using System.Diagnostics;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using static LoanPlatform.BuildingBlocks.Tests.Audit.AuditTrailHost;

namespace LoanPlatform.BuildingBlocks.Tests.Audit;

/// <summary>
/// The spool between the gateway and the trail: what is written reaches the trail once, whether the process dies before
/// the drainer got to it or between appending and committing, and a store that fails for a while only delays it.
/// </summary>
public sealed class AuditSpoolTests : IAsyncLifetime
{
    private readonly AuditTrailHosts hosts = new("loanplatform-spool-");

    private string SpoolFolder => Path.Combine(hosts.Folder, "audit", "spool");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => hosts.DisposeAsync().AsTask();

    [Fact]
    public async Task Records_written_to_the_spool_reach_the_trail_once()
    {
        var host = await StartAsync(drain: true);
        var spool = host.Services.GetRequiredService<AuditSpool>();

        var written = Requests(500);
        foreach (var record in written)
        {
            spool.Append(record);
        }

        await WaitForTrailAsync(host, written.Length);
        Assert.Equal(written.Select(r => r.SourceEventId).Order(), (await AllAsync(host)).Select(r => r.SourceEventId).Order());
    }

    [Fact]
    public async Task A_process_killed_before_its_records_were_drained_loses_none_of_them()
    {
        var written = WrittenByAProcessThatDied(300);

        var host = await StartAsync(drain: true);

        await WaitForTrailAsync(host, written.Length);
        Assert.Equal(written.Length, (await AllAsync(host)).Select(r => r.SourceEventId).Distinct().Count());
    }

    [Fact]
    public async Task A_batch_appended_but_not_committed_before_a_crash_is_not_appended_twice()
    {
        var written = WrittenByAProcessThatDied(200);

        // The drainer of the dead process had appended the first half when it was killed, before committing its position.
        var before = await StartAsync(drain: false);
        await before.Trail.AppendManyAsync(written[..100], deduplicate: false);

        var host = await StartAsync(drain: true);

        await WaitForTrailAsync(host, written.Length);
        await Task.Delay(300);
        Assert.Equal(written.Length, (await AllAsync(host)).Count);
    }

    [Fact]
    public async Task A_store_that_fails_for_a_while_delays_the_records_and_loses_none()
    {
        // The trail's records in a store that can be made to fail (the service's own file here: where they are does not matter).
        var host = await StartAsync(drain: true, services => services
            .AddDocumentType<AuditBlock>(AuditExtensions.BlockDocumentType)
            .AddKeyedSingleton<IDocumentStore<AuditBlock>>(AuditExtensions.StoreName, (provider, _) =>
                new FailingDocumentStore<AuditBlock>(provider.GetRequiredService<IDocumentStore<AuditBlock>>())));
        var spool = host.Services.GetRequiredService<AuditSpool>();
        var store = (FailingDocumentStore<AuditBlock>)host.Services.GetRequiredKeyedService<IDocumentStore<AuditBlock>>(AuditExtensions.StoreName);
        store.Failing = true;

        var written = Requests(100);
        foreach (var record in written)
        {
            spool.Append(record);
        }

        await Eventually.ArrivesAsync(() => store.Refused >= 3 ? store : null);
        store.Failing = false;

        await WaitForTrailAsync(host, written.Length);
        Assert.Equal(written.Length, (await AllAsync(host)).Select(r => r.SourceEventId).Distinct().Count());
    }

    [Fact]
    public async Task Records_spooled_one_at_a_time_within_a_second_share_their_shards_block()
    {
        var host = await StartAsync(drain: true);
        var spool = host.Services.GetRequiredService<AuditSpool>();

        // One resource, so one shard: ten requests a fifth of a second apart in all, one at a time as a gateway spools them.
        var written = Enumerable.Range(0, 10).Select(i => Entry($"user-{i}") with { SourceEventId = $"request:{Guid.NewGuid():N}" }).ToArray();
        var spooling = Stopwatch.StartNew();
        foreach (var record in written)
        {
            spool.Append(record);
            await Task.Delay(20);
        }

        spooling.Stop();
        await WaitForTrailAsync(host, written.Length);
        // The first wakes the drainer alone; the rest arrive while it gathers and go in the next block (one block more
        // for each gathering window the spooling outlasted, when a busy machine stretches the pauses).
        var blocks = await host.BlocksOfAsync(host.Trail.Shards.PartitionOf(written[0]));
        Assert.Equal(10, blocks.Sum(block => block.Length));
        Assert.InRange(blocks.Length, 1, 3 + (int)(spooling.Elapsed / AuditTrail.GatherWindow));
    }

    /// <summary>Records spooled by a process that died: nothing was drained, no handle was closed.</summary>
    private AuditRecord[] WrittenByAProcessThatDied(int count)
    {
        var dead = new AuditSpool(SpoolFolder);
        var written = Requests(count);
        foreach (var record in written)
        {
            dead.Append(record);
        }

        return written;
    }

    private static AuditRecord[] Requests(int count) => Enumerable.Range(0, count)
        .Select(i => Entry($"user-{i}", $"/loans/{i}") with { SourceEventId = $"request:{Guid.NewGuid():N}" })
        .ToArray();

    private static async Task<IReadOnlyList<AuditRecord>> AllAsync(AuditTrailHost host) =>
        (await host.Trail.SearchAsync(null, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), 1000, null)).Items;

    private static Task<AuditTrailHost> WaitForTrailAsync(AuditTrailHost host, int count) =>
        Eventually.ArrivesAsync(async () => (await AllAsync(host)).Count >= count ? host : null, TimeSpan.FromSeconds(30));

    private Task<AuditTrailHost> StartAsync(bool drain, Action<IServiceCollection>? configureServices = null) =>
        hosts.StartAsync(new Dictionary<string, string?> { ["Audit:Shards"] = "4" }, services =>
        {
            configureServices?.Invoke(services);
            if (drain)
            {
                services.AddAuditSpool(hosts.Folder);
            }
        });
}
