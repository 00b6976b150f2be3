using System.Text;
using System.Text.Json;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// The local checkpoint store: one JSON line per checkpoint appended to <c>{Data:Path}/audit/checkpoints.jsonl</c> and
/// flushed to disk. The file is only ever opened to append; on one machine it is as immutable as the machine's owner lets it be.
/// </summary>
public sealed class FileAuditCheckpointStore(string path) : IAuditCheckpointStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim appending = new(1, 1);

    public async Task AppendAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(checkpoint, Json) + "\n");
        await appending.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(line, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            appending.Release();
        }
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var found = new List<AuditCheckpoint>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            // A line cut short by a crash while it was appended is no checkpoint.
            if (line.EndsWith('}') && JsonSerializer.Deserialize<AuditCheckpoint>(line, Json) is { } checkpoint && checkpoint.Time >= from && checkpoint.Time <= to)
            {
                found.Add(checkpoint);
            }
        }

        return found;
    }
}
