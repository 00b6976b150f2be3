using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// The local hand-off between the gateway and the trail: an append-only file under <c>{Data:Path}/audit/spool</c>. The
/// gateway writes a request's record here before the response starts, one <c>write</c> per record and no buffer in the
/// process, so a record whose response was sent survives the process being killed; <see cref="AuditSpoolDrainer"/>
/// appends it to the trail later, however far behind it is. The file is split into segments (a new one at each start
/// and every <see cref="SegmentBytes"/>); the drained position is kept in <c>cursor</c>, and drained segments are deleted.
/// </summary>
public sealed class AuditSpool : IDisposable
{
    public const long SegmentBytes = 16 * 1024 * 1024;
    private const int ReadChunkBytes = 512 * 1024;
    private const string SegmentExtension = ".log";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string folder;
    private readonly string cursorPath;
    private readonly Lock writing = new();
    private readonly SemaphoreSlim appended = new(0, 1);
    private FileStream segment;
    private long segmentNumber;
    private SafeFileHandle? cursor;
    private long segmentsDeletedBelow;
    private byte[]? readBuffer;

    public AuditSpool(string folder)
    {
        this.folder = Directory.CreateDirectory(folder).FullName;
        cursorPath = Path.Combine(this.folder, "cursor");
        // Never append to a segment a crashed process may have left with a torn last line.
        segmentNumber = Segments().DefaultIfEmpty(0).Max() + 1;
        segment = Open(segmentNumber);
    }

    /// <summary>Writes one record (a single write to the file; nothing is held in the process) and wakes the drainer.</summary>
    public void Append(AuditRecord record)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, Json);
        var bytes = new byte[line.Length + 1];
        line.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        lock (writing)
        {
            if (segment.Length >= SegmentBytes)
            {
                segment.Dispose();
                segment = Open(++segmentNumber);
            }

            segment.Write(bytes);
        }

        if (appended.CurrentCount == 0)
        {
            try
            {
                appended.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer woke the drainer first.
            }
        }
    }

    /// <summary>Forces what was written to the disk (a process crash loses nothing without it; a power cut would).</summary>
    public void FlushToDisk()
    {
        lock (writing)
        {
            segment.Flush(flushToDisk: true);
        }
    }

    /// <summary>Waits until a record is appended or <paramref name="timeout"/> passes.</summary>
    public Task WaitForRecordsAsync(TimeSpan timeout, CancellationToken cancellationToken) => appended.WaitAsync(timeout, cancellationToken);

    /// <summary>The position up to which records are in the trail.</summary>
    public AuditSpoolPosition Committed => File.Exists(cursorPath) && File.ReadAllText(cursorPath).Split(' ') is [var number, var offset]
        ? new AuditSpoolPosition(long.Parse(number, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture))
        : new AuditSpoolPosition(Segments().DefaultIfEmpty(segmentNumber).Min(), 0);

    /// <summary>
    /// Up to <paramref name="maxRecords"/> whole records after <paramref name="from"/>, moving past finished segments.
    /// One reader at a time (the drainer): its buffer is kept, not allocated per batch, as a large array lives until a
    /// full garbage collection.
    /// </summary>
    public AuditSpoolBatch Read(AuditSpoolPosition from, int maxRecords)
    {
        var records = new List<AuditRecord>();
        var position = from;
        var rechecked = false;
        while (true)
        {
            var path = SegmentPath(position.Segment);
            var offset = position.Offset;
            if (File.Exists(path))
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                file.Seek(offset, SeekOrigin.Begin);
                var buffer = readBuffer ??= new byte[ReadChunkBytes];
                var filled = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                var start = 0;
                for (var end = Array.IndexOf(buffer, (byte)'\n', 0, filled); end >= 0 && records.Count < maxRecords; end = Array.IndexOf(buffer, (byte)'\n', start, filled - start))
                {
                    records.Add(JsonSerializer.Deserialize<AuditRecord>(buffer.AsSpan(start, end - start), Json)
                        ?? throw new InvalidDataException($"An empty record in {path} at {offset + start}."));
                    start = end + 1;
                }

                offset += start;
                if (records.Count > 0)
                {
                    return new AuditSpoolBatch(records, position with { Offset = offset });
                }
            }

            // Nothing whole left here: a later segment means this one is finished (any torn tail is a crash's, never
            // completed), once it is read again: its last record may have been written just before the writer moved on.
            var later = Segments().Where(number => number > position.Segment).DefaultIfEmpty(0).Min();
            if (later == 0)
            {
                return new AuditSpoolBatch(records, position with { Offset = offset });
            }

            if (!rechecked)
            {
                rechecked = true;
                continue;
            }

            position = new AuditSpoolPosition(later, 0);
            rechecked = false;
        }
    }

    /// <summary>Records that everything before <paramref name="position"/> is in the trail, and deletes the segments before it.</summary>
    public void Commit(AuditSpoolPosition position)
    {
        // Overwritten in place, always the same width: one write(2) of a few bytes within a page, which a killed process
        // either made or did not (as a rename would be), without creating, renaming and closing a file per batch.
        cursor ??= File.OpenHandle(cursorPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.Write(cursor, Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{position.Segment:D19} {position.Offset:D19}")), fileOffset: 0);
        if (position.Segment <= segmentsDeletedBelow)
        {
            return;
        }

        foreach (var number in Segments().Where(number => number < position.Segment))
        {
            File.Delete(SegmentPath(number));
        }

        segmentsDeletedBelow = position.Segment;
    }

    public void Dispose()
    {
        lock (writing)
        {
            segment.Dispose();
        }

        cursor?.Dispose();
        appended.Dispose();
    }

    private FileStream Open(long number) =>
        // bufferSize 0: every Append is one write(2) straight to the file, so nothing waits in this process to be lost.
        new(SegmentPath(number), FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);

    private string SegmentPath(long number) => Path.Combine(folder, number.ToString("D12", CultureInfo.InvariantCulture) + SegmentExtension);

    private IEnumerable<long> Segments() => Directory.EnumerateFiles(folder, "*" + SegmentExtension)
        .Select(path => long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0)
        .Where(number => number > 0);
}
