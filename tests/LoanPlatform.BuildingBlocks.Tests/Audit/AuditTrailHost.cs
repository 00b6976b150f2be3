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

    /// <summary>The trail's documents as someone with more rights than the appending identity sees them.</summary>
    public IDocumentStore<AuditRecord> Records => host.Services.GetRequiredKeyedService<IDocumentStore<AuditRecord>>(AuditExtensions.StoreName);

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
        foreach (var record in chain.Where(r => r.Sequence >= fromSequence))
        {
            var changed = (record.Sequence == fromSequence ? edit(record) : record) with { PreviousHash = previousHash, Hash = "" };
            changed = changed with { Hash = AuditHash.Compute(changed) };
            var stored = (await Records.FindAsync(partition, AuditTrail.IdOf(record.Sequence)))!;
            await Records.ReplaceAsync(partition, stored.Id, changed, stored.ETag);
            previousHash = changed.Hash;
        }
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
