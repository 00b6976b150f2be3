using System.Text.Json;
using System.Threading.Channels;

namespace LoanPlatform.BuildingBlocks.Outbox.Local;

/// <summary>
/// The local stand-in for the notifications Storage queue: one instance is shared by the publishing services and the
/// Notifications worker of the local host. Durable like the queue it stands in for: each event is written to a spool
/// folder before publishing returns and removed only when the consumer <see cref="Complete"/>s it, and a new instance
/// queues again what its folder still holds, so an event handed over before a crash is delivered after the restart.
/// </summary>
public sealed class InProcessEventQueue : IOutboxPublisher
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<OutboxEvent> _channel = Channel.CreateUnbounded<OutboxEvent>();
    private readonly string _spool;

    public InProcessEventQueue(string spoolFolder)
    {
        _spool = spoolFolder;
        Directory.CreateDirectory(_spool);
        foreach (var file in new DirectoryInfo(_spool).EnumerateFiles("*.json").OrderBy(f => f.LastWriteTimeUtc))
        {
            _channel.Writer.TryWrite(JsonSerializer.Deserialize<OutboxEvent>(File.ReadAllText(file.FullName), Json)!);
        }

        // A spool write cut short by a crash never returned to its publisher, whose outbox still holds the event.
        foreach (var partial in Directory.EnumerateFiles(_spool, "*.tmp"))
        {
            File.Delete(partial);
        }
    }

    public ChannelReader<OutboxEvent> Reader => _channel.Reader;

    /// <summary>How many events are queued and not yet completed.</summary>
    public int Pending => Directory.EnumerateFiles(_spool, "*.json").Count();

    public async Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        var path = PathOf(outboxEvent.EventId);
        if (File.Exists(path))
        {
            // Already queued and not yet delivered (the dispatcher and the sweeper both published it): once is enough.
            return;
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(outboxEvent, Json), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        await _channel.Writer.WriteAsync(outboxEvent, cancellationToken);
    }

    /// <summary>The consumer is done with the event (delivered or dead-lettered): it leaves the spool.</summary>
    public void Complete(OutboxEvent outboxEvent) => File.Delete(PathOf(outboxEvent.EventId));

    /// <summary>Event ids are the publisher's; hashed so any id makes one safe file name.</summary>
    private string PathOf(string eventId) =>
        Path.Combine(_spool, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(eventId)))[..32] + ".json");
}
