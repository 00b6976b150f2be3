using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using static LoanPlatform.BuildingBlocks.Tests.Audit.AuditTrailHost;

namespace LoanPlatform.BuildingBlocks.Tests.Audit;

/// <summary>
/// The trail on the Cosmos DB stand-in, as in Azure: two writers on one shard claim blocks by create alone, a source is
/// kept once, appends that wait for one shard share a block, and a recomputed chain fails its checkpoint.
/// </summary>
public sealed class CosmosAuditTrailTests(CosmosStandInFixture cosmos) : IClassFixture<CosmosStandInFixture>, IAsyncLifetime
{
    private readonly string database = $"db{Guid.NewGuid():N}";
    private readonly AuditTrailHosts hosts = new("loanplatform-audit-cosmos-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => hosts.DisposeAsync().AsTask();

    [Fact]
    public async Task Two_writers_on_one_shard_make_one_chain_and_keep_a_source_once()
    {
        var one = await StartAsync();
        var two = await StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? one : two).Trail.AppendAsync(Entry($"user-{i}"))));
        var sources = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? one : two).Trail.AppendAsync(Entry("alice") with { SourceEventId = "event-1" })));

        Assert.Single(sources.Select(r => r.Sequence).Distinct());
        var verification = await one.Trail.VerifyAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(new AuditVerification(true, 21, 1, 0, null, null), verification);
    }

    [Fact]
    public async Task Appends_that_wait_for_the_same_shard_share_a_block()
    {
        var host = await StartAsync();

        // Each store call is a network round trip here, so the appends queue up behind the first one's.
        var appended = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => host.Trail.AppendAsync(Entry($"user-{i}"))));

        var blocks = await host.BlocksOfAsync(host.Trail.Shards.PartitionOf(appended[0]));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), blocks.SelectMany(block => block));
        Assert.True(blocks.Length < 40, $"40 appends at once should not need a block each ({blocks.Length})");
        Assert.Equal(appended.Select(r => r.Sequence).Order(), blocks.SelectMany(block => block));
        Assert.True((await host.Trail.VerifyAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1))).Valid);
    }

    [Fact]
    public async Task A_chain_recomputed_after_a_checkpoint_is_caught()
    {
        var host = await StartAsync();
        AuditRecord? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await host.Trail.AppendAsync(Entry($"user-{i}"));
        }

        var partition = host.Trail.Shards.PartitionOf(last!);
        await host.Checkpoints.WriteAsync(CancellationToken.None);
        await host.RecomputeChainAsync(partition, 2, record => record with { Outcome = "denied" });

        var verification = await host.Trail.VerifyAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(new AuditVerification(false, 4, 1, 1, partition, 4), verification);
    }

    private Task<AuditTrailHost> StartAsync() => hosts.StartAsync(
        new Dictionary<string, string?>
        {
            ["Audit:Shards"] = "1",
            ["DocumentStore:Provider"] = "Cosmos",
            ["DocumentStore:Cosmos:ConnectionString"] = cosmos.ConnectionString,
            ["DocumentStore:Cosmos:DatabaseName"] = database,
            ["DocumentStore:Cosmos:CreateIfNotExists"] = "true",
        },
        services => services.Configure<CosmosClientOptions>(cosmos.ConfigureClient));
}
