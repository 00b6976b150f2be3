using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.BuildingBlocks.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Tests.Audit;

/// <summary>
/// The hash chain on the embedded store: appends link up, an edited or deleted record breaks verification at it, a source
/// event is recorded once, and the trail keeps a database file of its own.
/// </summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("loanplatform-audit-").FullName;
    private DocumentStoreHost host = null!;

    private AuditTrail Trail => host.Services.GetRequiredService<AuditTrail>();

    private IDocumentStore<AuditRecord> Records => host.Services.GetRequiredKeyedService<IDocumentStore<AuditRecord>>(AuditExtensions.StoreName);

    public async Task InitializeAsync() => host = await StartHostAsync();

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

    [Fact]
    public async Task The_trail_has_a_database_file_of_its_own_beside_the_services_store()
    {
        await Trail.AppendAsync(Entry("alice"));

        Assert.True(File.Exists(Path.Combine(folder, AuditExtensions.StoreName, "audit.db")));
        // The same document type in the service's own store sees nothing of it.
        var serviceStore = host.Services.GetRequiredService<IDocumentStore<AuditRecord>>();
        Assert.Empty(await serviceStore.QueryAsync(DocumentQuery.InPartition(AuditTrail.Partition)).ToListAsync());
        Assert.Single(await Records.QueryAsync(DocumentQuery.InPartition(AuditTrail.Partition)).ToListAsync());
    }

    [Fact]
    public async Task A_source_event_delivered_twice_is_recorded_once_and_the_chain_verifies()
    {
        var first = await Trail.AppendAsync(Entry("alice") with { SourceEventId = "event-1" });
        await Trail.AppendAsync(Entry("bob"));
        var again = await Trail.AppendAsync(Entry("alice") with { SourceEventId = "event-1" });

        Assert.Equal(first, again);
        Assert.Equal(["alice", "bob"], (await Trail.SearchAsync(new AuditQuery(null, null, null), 100)).Select(r => r.Actor));
        Assert.Equal(new AuditVerification(true, 2, null), await Trail.VerifyAsync());
    }

    [Fact]
    public async Task Writers_in_two_processes_racing_with_the_same_source_event_record_it_once()
    {
        // A second host on the same folder: its own trail and lock, as a second Function instance would have.
        await using var other = await StartHostAsync();
        var otherTrail = other.Services.GetRequiredService<AuditTrail>();

        var appends = Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? Trail : otherTrail).AppendAsync(Entry("alice") with { SourceEventId = "event-1" }));
        var results = await Task.WhenAll(appends);

        Assert.Single(results.Select(r => r.Sequence).Distinct());
        Assert.Equal(new AuditVerification(true, 1, null), await Trail.VerifyAsync());
    }

    [Fact]
    public async Task A_record_without_a_source_event_hashes_as_before_the_field_existed()
    {
        var record = await Trail.AppendAsync(Entry("alice"));

        Assert.DoesNotContain("sourceEventId", AuditHash.CanonicalJson(record), StringComparison.Ordinal);
        Assert.Contains("\"sourceEventId\":\"event-1\"", AuditHash.CanonicalJson(record with { SourceEventId = "event-1" }), StringComparison.Ordinal);
    }

    private Task<DocumentStoreHost> StartHostAsync() =>
        DocumentStoreHost.StartAsync(new Dictionary<string, string?> { ["Data:Path"] = folder }, services =>
        {
            services.AddAuditTrail();
            services.AddDocumentType<AuditRecord>(AuditExtensions.RecordDocumentType);
        });

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
