using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;

namespace LoanPlatform.Users.Functions;

/// <summary>
/// A Blob Storage "BlobCreated" event as Event Grid delivers it to a Storage queue (Event Grid schema): the container
/// and blob name come from its subject, "/blobServices/default/containers/{container}/blobs/{blob name}".
/// </summary>
public sealed record BlobCreatedEvent(string Container, string BlobName)
{
    private const string ContainersPrefix = "/blobServices/default/containers/";
    private const string BlobsSegment = "/blobs/";

    /// <summary>The event in a queue message, or null for anything else (another event type, a subject of another shape, not an event at all).</summary>
    public static BlobCreatedEvent? TryParse(string message)
    {
        EventGridEvent gridEvent;
        try
        {
            gridEvent = EventGridEvent.Parse(BinaryData.FromString(message));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }

        if (!gridEvent.TryGetSystemEventData(out var data) || data is not StorageBlobCreatedEventData
            || !gridEvent.Subject.StartsWith(ContainersPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var path = gridEvent.Subject[ContainersPrefix.Length..];
        var blobs = path.IndexOf(BlobsSegment, StringComparison.Ordinal);
        return blobs <= 0
            ? null
            : new BlobCreatedEvent(path[..blobs], Uri.UnescapeDataString(path[(blobs + BlobsSegment.Length)..]));
    }
}
