using System.Text.Json;

namespace LoanPlatform.Notifications.Queue;

/// <summary>Dead letters of the local queue, one JSON file per event under {Data:Path}/notifications/dead-letter.</summary>
public sealed class LocalDeadLetterStore(string folder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Folder { get; } = folder;

    public async Task WriteAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(Path.Combine(Folder, $"{deadLetter.Event.EventId}.json"), JsonSerializer.Serialize(deadLetter, Json), cancellationToken);
    }

    public IReadOnlyList<DeadLetter> ReadAll() =>
        Directory.Exists(Folder)
            ? [.. Directory.EnumerateFiles(Folder, "*.json").Select(file => JsonSerializer.Deserialize<DeadLetter>(File.ReadAllText(file), Json)!)]
            : [];
}
