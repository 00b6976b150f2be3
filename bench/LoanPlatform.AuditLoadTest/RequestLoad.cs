using System.Collections.Concurrent;
using System.Diagnostics;

namespace LoanPlatform.AuditLoadTest;

/// <summary>
/// A closed loop of <c>GET {path}</c> (<c>/users/me</c> unless told), <c>concurrency</c> at a time, each with its own
/// correlation id (<c>{run}-{n}</c>) so its audit record can be found; it keeps the ids of the requests that were
/// answered and how long each took.
/// </summary>
public sealed class RequestLoad(HttpClient http, string token, string run, string path = "/users/me")
{
    private long issued;

    public ConcurrentBag<string> Answered { get; } = [];

    /// <summary>Milliseconds from sending to the last byte of each answered request.</summary>
    public ConcurrentBag<double> Latencies { get; } = [];

    public int Failed { get; private set; }

    /// <summary>Sends <paramref name="count"/> requests (or until <paramref name="stop"/>); returns the time it took.</summary>
    public async Task<TimeSpan> RunAsync(int count, int concurrency, CancellationToken stop = default)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var n = Interlocked.Increment(ref issued); n <= count && !stop.IsCancellationRequested; n = Interlocked.Increment(ref issued))
            {
                var correlationId = $"{run}-{n}";
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new("Bearer", token);
                request.Headers.Add("X-Correlation-Id", correlationId);
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request, stop);
                    await response.Content.ReadAsByteArrayAsync(stop);
                    if (response.IsSuccessStatusCode)
                    {
                        Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        Answered.Add(correlationId);
                    }
                    else
                    {
                        Failed++;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    // Not answered (the process was killed, or the run stopped): no record is owed.
                }
            }
        }));
        return watch.Elapsed;
    }
}
