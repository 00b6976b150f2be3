using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LoanPlatform.LocalHost.Durable;

namespace LoanPlatform.LoadTest;

/// <summary>Sums the Azure Storage backend's requests (<see cref="DurableStorageMetrics"/>) by service and method.</summary>
public sealed class DurableStorageCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Service, string Method), long> _requests = new();

    public DurableStorageCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DurableStorageMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, count, tags, _) =>
        {
            string? service = null, method = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case DurableStorageMetrics.ServiceTag: service = tag.Value as string; break;
                    case DurableStorageMetrics.MethodTag: method = tag.Value as string; break;
                }
            }

            _requests.AddOrUpdate((service ?? "?", method ?? "?"), count, (_, sum) => sum + count);
        });
        _listener.Start();
    }

    /// <summary>The counts so far, and a fresh start.</summary>
    public IReadOnlyList<(string Service, string Method, long Requests)> Take()
    {
        var taken = new List<(string, string, long)>();
        foreach (var key in _requests.Keys)
        {
            if (_requests.TryRemove(key, out var count))
            {
                taken.Add((key.Service, key.Method, count));
            }
        }

        return [.. taken.OrderBy(row => row.Item1, StringComparer.Ordinal).ThenBy(row => row.Item2, StringComparer.Ordinal)];
    }

    public void Dispose() => _listener.Dispose();
}
