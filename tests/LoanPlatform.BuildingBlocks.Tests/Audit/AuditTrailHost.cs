using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.BuildingBlocks.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Tests.Audit;

/// <summary>A started host with the audit trail on a data folder (or the settings given), and handles on its parts.</summary>
public sealed class AuditTrailHost(DocumentStoreHost host) : IAsyncDisposable
{
    public AuditTrail Trail => host.Services.GetRequiredService<AuditTrail>();

    public AuditCheckpointWriter Checkpoints => host.Services.GetRequiredService<AuditCheckpointWriter>();

    /// <summary>The trail's blocks as someone with more rights than the appending identity sees them.</summary>
    public IDocumentStore<AuditBlock> Blocks => host.Services.GetRequiredKeyedService<IDocumentStore<AuditBlock>>(AuditExtensions.StoreName);

    public IServiceProvider Services => host.Services;

    public static async Task<AuditTrailHost> StartAsync(IDictionary<string, string?> configuration, Action<IServiceCollection>? configureServices = null) =>
        new(await DocumentStoreHost.StartAsync(configuration, services =>
        {
            services.AddAuditCheckpointWriter();
            configureServices?.Invoke(services);
        }));

    public static AuditRecord Entry(string actor, string resource = "/loans", DateTimeOffset? time = null) =>
        new(time ?? DateTimeOffset.UtcNow, actor, "Customer", "GET /loans", resource, "success", 200, Guid.NewGuid().ToString("N"), "127.0.0.1", "tests");

    /// <summary>Rewrites a shard from <paramref name="fromSequence"/> on as an attacker with replace rights would: each record re-hashed onto the one before.</summary>
    public async Task RecomputeChainAsync(string partition, long fromSequence, Func<AuditRecord, AuditRecord> edit)
    {
        var chain = await Trail.ReadShardAsync(partition);
        var previousHash = fromSequence == 1 ? AuditHash.Genesis : chain[(int)fromSequence - 2].Hash;
        var stored = await Blocks.QueryAsync(DocumentQuery.InPartition(partition)).ToListAsync();
        foreach (var block in stored.Where(block => block.Value.Records.Any(r => r.Sequence >= fromSequence)).OrderBy(block => block.Value.Records[0].Sequence))
        {
            var changed = new List<AuditRecord>();
            foreach (var record in block.Value.Records)
            {
                if (record.Sequence < fromSequence)
                {
                    changed.Add(record);
                    continue;
                }

                var rewritten = (record.Sequence == fromSequence ? edit(record) : record) with { PreviousHash = previousHash, Hash = "" };
                changed.Add(rewritten = rewritten with { Hash = AuditHash.Compute(rewritten) });
                previousHash = rewritten.Hash;
            }

            await Blocks.ReplaceAsync(partition, block.Id, new AuditBlock(changed), block.ETag);
        }
    }

    /// <summary>Replaces the block holding record <paramref name="sequence"/> with its records changed by <paramref name="edit"/>, as someone with replace rights could.</summary>
    public async Task EditBlockOfAsync(string partition, long sequence, Func<IReadOnlyList<AuditRecord>, IEnumerable<AuditRecord>> edit)
    {
        var block = await BlockOfAsync(partition, sequence);
        await Blocks.ReplaceAsync(partition, block.Id, new AuditBlock([.. edit(block.Value.Records)]), block.ETag);
    }

    /// <summary>Deletes the block holding record <paramref name="sequence"/>, as someone with delete rights could.</summary>
    public async Task DeleteBlockOfAsync(string partition, long sequence) =>
        await Blocks.DeleteAsync(partition, (await BlockOfAsync(partition, sequence)).Id);

    /// <summary>The shard's blocks, each as the sequences of its records.</summary>
    public async Task<long[][]> BlocksOfAsync(string partition) =>
        [.. (await Blocks.QueryAsync(DocumentQuery.InPartition(partition)).ToListAsync())
            .OrderBy(block => long.Parse(block.Id, System.Globalization.CultureInfo.InvariantCulture))
            .Select(block => block.Value.Records.Select(r => r.Sequence).ToArray())];

    private async Task<StoredDocument<AuditBlock>> BlockOfAsync(string partition, long sequence) =>
        (await Blocks.QueryAsync(DocumentQuery.InPartition(partition)).ToListAsync()).Single(block => block.Value.Records.Any(r => r.Sequence == sequence));

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
