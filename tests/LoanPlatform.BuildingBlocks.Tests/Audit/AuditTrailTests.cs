using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.BuildingBlocks.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Tests.Audit;

/// <summary>The hash chain on the embedded store: appends link up, and an edited or deleted record breaks verification at it.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("loanplatform-audit-").FullName;
    private DocumentStoreHost host = null!;

    private AuditTrail Trail => host.Services.GetRequiredService<AuditTrail>();

    private IDocumentStore<AuditRecord> Records => host.Services.GetRequiredService<IDocumentStore<AuditRecord>>();

    public async Task InitializeAsync() =>
        host = await DocumentStoreHost.StartAsync(new Dictionary<string, string?> { ["Data:Path"] = folder }, services => services.AddAuditTrail());

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Appends_are_numbered_and_each_carries_the_previous_hash()
    {
        var first = await Trail.AppendAsync(Entry("a"));
        var second = await Trail.AppendAsync(Entry("b"));

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditHash.Genesis, first.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(AuditHash.Compute(second), second.Hash);
        Assert.Equal(new AuditVerification(true, 2, null), await Trail.VerifyAsync());
    }

    [Fact]
    public async Task Concurrent_appends_make_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Trail.AppendAsync(Entry($"user-{i}"))));

        Assert.Equal(new AuditVerification(true, 20, null), await Trail.VerifyAsync());
    }

    [Fact]
    public async Task An_edited_record_breaks_the_chain_at_it()
    {
        await AppendAsync(3);
        var stored = (await Records.FindAsync(AuditTrail.Partition, AuditTrail.IdOf(2)))!;
        await Records.ReplaceAsync(stored.PartitionKey, stored.Id, stored.Value with { Outcome = "denied" }, stored.ETag);

        Assert.Equal(new AuditVerification(false, 1, 2), await Trail.VerifyAsync());
    }

    [Fact]
    public async Task A_deleted_record_breaks_the_chain_at_its_place()
    {
        await AppendAsync(3);
        await Records.DeleteAsync(AuditTrail.Partition, AuditTrail.IdOf(2));

        Assert.Equal(new AuditVerification(false, 1, 2), await Trail.VerifyAsync());
    }

    [Fact]
    public async Task A_deleted_last_record_is_caught_by_the_head()
    {
        await AppendAsync(3);
        await Records.DeleteAsync(AuditTrail.Partition, AuditTrail.IdOf(3));

        Assert.Equal(new AuditVerification(false, 2, 3), await Trail.VerifyAsync());
    }

    [Fact]
    public async Task Search_filters_by_actor_or_resource_and_time()
    {
        await Trail.AppendAsync(Entry("alice"));
        await Trail.AppendAsync(Entry("bob") with { Resource = "/loans/alice-loan" });
        await Trail.AppendAsync(Entry("carol"));

        var found = await Trail.SearchAsync(new AuditQuery("alice", null, null), 100);
        Assert.Equal(["alice", "bob"], found.Select(r => r.Actor));
        Assert.Empty(await Trail.SearchAsync(new AuditQuery(null, DateTimeOffset.UtcNow.AddMinutes(1), null), 100));
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Trail.AppendAsync(Entry($"user-{i}"));
        }
    }

    private static AuditRecord Entry(string actor) =>
        new(DateTimeOffset.UtcNow, actor, "Customer", "GET /loans", "/loans", "success", 200, Guid.NewGuid().ToString("N"), "127.0.0.1", "tests");
}
