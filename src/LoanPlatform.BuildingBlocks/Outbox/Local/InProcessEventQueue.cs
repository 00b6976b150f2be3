using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

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
            if (Read(file.FullName) is { } queued)
            {
                _channel.Writer.TryWrite(queued);
            }
            else
            {
                // A spool write cut short by a crash never returned to its publisher, whose outbox still holds the event.
                file.Delete();
            }
        }

        // Left by an earlier release, which wrote each event to a temporary file first.
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
        // One create-only write, no temporary file and rename: the name is the event's, so a file that exists already
        // means the event is queued (the dispatcher and the sweeper both published it) and once is enough; a file a
        // crash cut short does not parse and is dropped by the next start.
        var path = PathOf(outboxEvent.EventId);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(outboxEvent, Json);
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        }
        catch (IOException) when (File.Exists(path))
        {
            return;
        }

        using (file)
        {
            try
            {
                RandomAccess.Write(file, bytes, fileOffset: 0);
            }
            catch
            {
                // Not queued: the publisher's outbox keeps the event and hands it over again, which must not find it here.
                File.Delete(path);
                throw;
            }
        }

        await _channel.Writer.WriteAsync(outboxEvent, cancellationToken);
    }

    /// <summary>The consumer is done with the event (delivered or dead-lettered): it leaves the spool.</summary>
    public void Complete(OutboxEvent outboxEvent) => File.Delete(PathOf(outboxEvent.EventId));

    private static OutboxEvent? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<OutboxEvent>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Event ids are the publisher's; hashed so any id makes one safe file name.</summary>
    private string PathOf(string eventId) =>
        Path.Combine(_spool, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(eventId)))[..32] + ".json");
}
