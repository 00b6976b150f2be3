using System.Text.Json;

namespace LoanPlatform.BuildingBlocks.Outbox.Local;

/// <summary>
/// The local stand-in for the Service Bus topic: an append-only JSON-lines file of integration events. Like the topic's
/// duplicate detection, an event id already in the log is not appended again.
/// </summary>
public sealed class LocalEventLog(string path) : IOutboxPublisher
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private HashSet<string>? _seen;

    public string Path { get; } = path;

    public async Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        // Like the topic: messages for one person, carrying a secret, are not integration events.
        if (outboxEvent.NotificationOnly)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_seen is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                _seen = [.. (await ReadAllAsync(cancellationToken)).Select(e => e.EventId)];
            }

            if (_seen.Add(outboxEvent.EventId))
            {
                await File.AppendAllTextAsync(Path, JsonSerializer.Serialize(outboxEvent, Json) + "\n", cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<OutboxEvent>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var lines = await File.ReadAllLinesAsync(Path, cancellationToken);
        return [.. lines.Where(line => line.Length > 0).Select(line => JsonSerializer.Deserialize<OutboxEvent>(line, Json)!)];
    }
}
