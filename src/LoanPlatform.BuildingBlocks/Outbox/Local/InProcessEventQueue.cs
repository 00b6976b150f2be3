using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace LoanPlatform.BuildingBlocks.Outbox.Local;

/// <summary>
/// The local stand-in for the notifications Storage queue: one instance is shared by the publishing services and the
/// Notifications worker of the local host. Durable like the queue it stands in for: each event is appended to the
/// folder's event log before publishing returns, and its completion to the done log once the consumer
/// <see cref="Complete"/>s it; a new instance queues again what the logs hold uncompleted, so an event handed over before
/// a crash is delivered after the restart. Two appends to files held open, instead of a file created and deleted per
/// event: those were the largest file-system cost of a local loan lifecycle.
/// </summary>
public sealed class InProcessEventQueue : IOutboxPublisher, IDisposable
{
    private const string EventLog = "events.log";
    private const string DoneLog = "done.log";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<OutboxEvent> _channel = Channel.CreateUnbounded<OutboxEvent>();
    private readonly Lock _appending = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly SafeFileHandle _events;
    private readonly SafeFileHandle _done;
    private long _eventsLength;
    private long _doneLength;

    public InProcessEventQueue(string spoolFolder)
    {
        Directory.CreateDirectory(spoolFolder);
        var eventsPath = Path.Combine(spoolFolder, EventLog);
        var pending = PendingIn(spoolFolder, out var earlierRelease);

        // Start from a log of what is pending only, written aside and moved over the old one once the done log is
        // emptied: a crash in between leaves the old log with no completions, so its events are delivered again (which
        // consumers absorb by event id) rather than a completion counted against the new log's.
        var compacted = eventsPath + ".compacting";
        File.WriteAllBytes(compacted, [.. pending.SelectMany(Line)]);
        _done = File.OpenHandle(Path.Combine(spoolFolder, DoneLog), FileMode.Create, FileAccess.Write);
        File.Move(compacted, eventsPath, overwrite: true);
        _events = File.OpenHandle(eventsPath, FileMode.Open, FileAccess.Write);
        _eventsLength = RandomAccess.GetLength(_events);
        foreach (var file in earlierRelease)
        {
            File.Delete(file);
        }

        foreach (var queued in pending)
        {
            _queued.Add(queued.EventId);
            _channel.Writer.TryWrite(queued);
        }
    }

    public ChannelReader<OutboxEvent> Reader => _channel.Reader;

    /// <summary>How many events are queued and not yet completed.</summary>
    public int Pending
    {
        get
        {
            lock (_appending)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>
    /// The events a queue folder holds uncompleted, read from its files (by a process other than the one queueing, as the
    /// crash drill does): each event appended more often than it was completed, in the order first appended. A line a
    /// crash cut short does not parse and is left out: its publisher never heard it was queued and hands it over again.
    /// </summary>
    public static IReadOnlyList<OutboxEvent> PendingIn(string spoolFolder) => PendingIn(spoolFolder, out _);

    public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        lock (_appending)
        {
            // Already queued (the dispatcher and the sweeper both published it): once is enough.
            if (!_queued.Add(outboxEvent.EventId))
            {
                return Task.CompletedTask;
            }

            try
            {
                _eventsLength += Append(_events, Line(outboxEvent), _eventsLength);
            }
            catch
            {
                // Not queued: the publisher's outbox keeps the event and hands it over again. A line cut short where the
                // log ends is written over by the next append, or left out by the next start.
                _queued.Remove(outboxEvent.EventId);
                throw;
            }
        }

        return _channel.Writer.WriteAsync(outboxEvent, cancellationToken).AsTask();
    }

    /// <summary>The consumer is done with the event (delivered or dead-lettered): it leaves the queue.</summary>
    public void Complete(OutboxEvent outboxEvent)
    {
        lock (_appending)
        {
            _doneLength += Append(_done, Encoding.UTF8.GetBytes(outboxEvent.EventId + "\n"), _doneLength);
            _queued.Remove(outboxEvent.EventId);
            if (_queued.Count == 0)
            {
                // Nothing left to deliver: both logs start over, the event log first, so a crash in between leaves only
                // done lines that name no event.
                RandomAccess.SetLength(_events, _eventsLength = 0);
                RandomAccess.SetLength(_done, _doneLength = 0);
            }
        }
    }

    public void Dispose()
    {
        _events.Dispose();
        _done.Dispose();
    }

    private static int Append(SafeFileHandle file, byte[] line, long offset)
    {
        RandomAccess.Write(file, line, offset);
        return line.Length;
    }

    private static byte[] Line(OutboxEvent outboxEvent) => [.. JsonSerializer.SerializeToUtf8Bytes(outboxEvent, Json), (byte)'\n'];

    private static List<OutboxEvent> PendingIn(string spoolFolder, out string[] earlierRelease)
    {
        var appended = new List<OutboxEvent>();
        var folder = new DirectoryInfo(spoolFolder);
        // The earlier release kept one file per event until it was completed.
        earlierRelease = folder.Exists ? [.. folder.EnumerateFiles("*.json").OrderBy(f => f.LastWriteTimeUtc).Select(f => f.FullName)] : [];
        appended.AddRange(earlierRelease.Select(file => Parse(File.ReadAllText(file))).OfType<OutboxEvent>());
        appended.AddRange(ReadLines(Path.Combine(spoolFolder, EventLog)).Select(Parse).OfType<OutboxEvent>());

        var completions = ReadLines(Path.Combine(spoolFolder, DoneLog)).CountBy(id => id, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var pending = new List<OutboxEvent>();
        foreach (var occurrences in appended.GroupBy(e => e.EventId, StringComparer.Ordinal))
        {
            if (occurrences.Count() > completions.GetValueOrDefault(occurrences.Key))
            {
                pending.Add(occurrences.First());
            }
        }

        return pending;
    }

    private static List<string> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        // Shared with the writer: another process may be appending while the crash drill reads.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static OutboxEvent? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<OutboxEvent>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
