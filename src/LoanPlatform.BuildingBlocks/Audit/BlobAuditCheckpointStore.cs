using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// Checkpoints as blobs in a container with a time-based immutability policy (Azure): one blob per checkpoint, named by
/// its time under a per-day folder (<c>yyyy/MM/dd/HHmmssfffffff.json</c>), created only if absent. Once written, not even
/// the identity that wrote it can change or delete it until the policy's period ends.
/// </summary>
public sealed class BlobAuditCheckpointStore(BlobContainerClient container) : IAuditCheckpointStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task AppendAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(checkpoint.Time.UtcDateTime.ToString("yyyy/MM/dd/HHmmssfffffff", CultureInfo.InvariantCulture) + ".json");
        await blob.UploadAsync(
            BinaryData.FromObjectAsJson(checkpoint, Json),
            new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var found = new List<AuditCheckpoint>();
        for (var day = from.UtcDateTime.Date; day <= to.UtcDateTime; day = day.AddDays(1))
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = day.ToString("yyyy/MM/dd/", CultureInfo.InvariantCulture) }, cancellationToken))
            {
                var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
                if (content.Value.Content.ToObjectFromJson<AuditCheckpoint>(Json) is { } checkpoint && checkpoint.Time >= from && checkpoint.Time <= to)
                {
                    found.Add(checkpoint);
                }
            }
        }

        return found;
    }
}
