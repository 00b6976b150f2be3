using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LoanPlatform.BuildingBlocks.Storage;

namespace LoanPlatform.LoadTest;

/// <summary>
/// Listens to every document-store call the platform makes in this process (<see cref="DocumentStoreMetrics"/>) and
/// sums count, bytes and request units per document type and operation. Calls made while <see cref="Ignore"/> is set
/// on the calling flow (the benchmark's own waiting) are left out.
/// </summary>
public sealed class DocumentStoreCostMeter : IDisposable
{
    private static readonly AsyncLocal<bool> Ignored = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Type, string Operation), Totals> _totals = new();

    public DocumentStoreCostMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DocumentStoreMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, bytes, tags, _) =>
        {
            if (Ignored.Value)
            {
                return;
            }

            LastMeasurement = DateTime.UtcNow;
            if (!Counting)
            {
                return;
            }

            string? type = null, operation = null, scope = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case DocumentStoreMetrics.DocumentTypeTag: type = tag.Value as string; break;
                    case DocumentStoreMetrics.OperationTag: operation = tag.Value as string; break;
                    case DocumentStoreMetrics.ScopeTag: scope = tag.Value as string; break;
                }
            }

            var key = (type ?? "?", operation == DocumentStoreMetrics.Query ? $"{operation} ({scope})" : operation ?? "?");
            _totals.GetOrAdd(key, _ => new Totals()).Add(bytes, RequestUnits.Of(operation!, bytes, scope));
        });
        _listener.Start();
    }

    /// <summary>Off until the measured part of a run starts.</summary>
    public bool Counting { get; set; }

    public DateTime LastMeasurement { get; private set; } = DateTime.UtcNow;

    /// <summary>Runs <paramref name="work"/> without counting what it reads.</summary>
    public static async Task<T> IgnoreAsync<T>(Func<Task<T>> work)
    {
        Ignored.Value = true;
        try
        {
            return await work();
        }
        finally
        {
            Ignored.Value = false;
        }
    }

    public IEnumerable<(string Type, string Operation, long Count, long Bytes, double RequestUnits)> Rows() =>
        _totals.OrderBy(t => t.Key.Type, StringComparer.Ordinal).ThenBy(t => t.Key.Operation, StringComparer.Ordinal)
            .Select(t => (t.Key.Type, t.Key.Operation, t.Value.Count, t.Value.Bytes, t.Value.RequestUnits));

    public void Dispose() => _listener.Dispose();

    private sealed class Totals
    {
        private readonly Lock _lock = new();

        public long Count { get; private set; }

        public long Bytes { get; private set; }

        public double RequestUnits { get; private set; }

        public void Add(long bytes, double requestUnits)
        {
            lock (_lock)
            {
                Count++;
                Bytes += bytes;
                RequestUnits += requestUnits;
            }
        }
    }
}
