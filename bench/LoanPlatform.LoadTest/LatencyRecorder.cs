using System.Collections.Concurrent;
using System.Diagnostics;

namespace LoanPlatform.LoadTest;

/// <summary>Per-call latencies by operation name, summarised as count, p50, p99 and max in milliseconds.</summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _samples = new(StringComparer.Ordinal);

    public async Task<T> TimeAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            _samples.GetOrAdd(operation, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public IEnumerable<(string Operation, int Count, double P50, double P99, double Max)> Summary() =>
        _samples.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
        {
            var sorted = s.Value.Order().ToArray();
            return (s.Key, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
        });

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
