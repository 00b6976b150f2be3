using System.Collections.Concurrent;
using System.Diagnostics;

namespace LoanPlatform.AuditLoadTest;

/// <summary>
/// A closed loop of <c>GET /users/me</c> through the gateway, <c>concurrency</c> at a time, each with its own correlation
/// id (<c>{run}-{n}</c>) so its audit record can be found; it keeps the ids of the requests that were answered.
/// </summary>
public sealed class RequestLoad(HttpClient http, string token, string run)
{
    private long issued;

    public ConcurrentBag<string> Answered { get; } = [];

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
                using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
                request.Headers.Authorization = new("Bearer", token);
                request.Headers.Add("X-Correlation-Id", correlationId);
                try
                {
                    using var response = await http.SendAsync(request, stop);
                    await response.Content.ReadAsByteArrayAsync(stop);
                    if (response.IsSuccessStatusCode)
                    {
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
