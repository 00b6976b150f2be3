using Azure;
using Azure.Storage.Blobs;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.Testing;

namespace LoanPlatform.BuildingBlocks.Tests.Audit;

/// <summary>The Azure checkpoint store against Azurite's blob service: create-only blobs per checkpoint, read back by time range.</summary>
public sealed class BlobAuditCheckpointStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Checkpoints_are_written_once_each_and_read_back_by_the_time_they_were_taken()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"checkpoints-{Guid.NewGuid():N}");
        await container.CreateAsync();
        var store = new BlobAuditCheckpointStore(container);
        var yesterday = new AuditCheckpoint(Noon.AddDays(-1), [new AuditShardTail("audit-202612011200-000", 3, new string('a', 64))]);
        var today = new AuditCheckpoint(Noon, [new AuditShardTail("audit-202612021100-001", 7, new string('b', 64))]);

        await store.AppendAsync(yesterday, CancellationToken.None);
        await store.AppendAsync(today, CancellationToken.None);

        var both = await store.ReadAsync(Noon.AddDays(-2), Noon.AddHours(1), CancellationToken.None);
        Assert.Equal([yesterday.Time, today.Time], both.Select(c => c.Time));
        Assert.Equal(today.Shards, both[1].Shards);
        Assert.Equal([today.Time], (await store.ReadAsync(Noon.AddHours(-1), Noon.AddHours(1), CancellationToken.None)).Select(c => c.Time));

        // A checkpoint of the same instant is never overwritten.
        var overwrite = await Assert.ThrowsAsync<RequestFailedException>(() => store.AppendAsync(today with { Shards = [] }, CancellationToken.None));
        Assert.Equal(409, overwrite.Status);
        Assert.Single((await store.ReadAsync(Noon, Noon, CancellationToken.None)).Single().Shards);
    }
}
