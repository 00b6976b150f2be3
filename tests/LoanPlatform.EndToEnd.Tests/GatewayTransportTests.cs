using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using LoanPlatform.Testing;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>
/// The local gateway and the services share one process, so the gateway hands requests to a service in memory (no
/// socket, no HTTP client request, no second HTTP parse); the request still runs the service's whole pipeline and stays
/// in the caller's trace.
/// </summary>
public sealed class GatewayTransportTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task A_request_through_the_gateway_reaches_the_service_in_memory_within_the_callers_trace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var seen = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    seen.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        // The caller's own trace context, which a client that propagates its own would replace.
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = new Uri(fixture.Running.GatewayUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/.well-known/openid-configuration");
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var servers = await Eventually.ArrivesAsync(() =>
        {
            var requests = seen.Where(activity => activity.Source.Name == "Microsoft.AspNetCore").ToArray();
            return requests.Length >= 2 ? requests : null;
        });
        // The gateway's request continues the caller's span; the Auth service's continues the gateway's.
        var gateway = Assert.Single(servers, activity => activity.ParentSpanId == callerSpan);
        var service = Assert.Single(servers, activity => activity != gateway);
        Assert.NotEqual(callerSpan, service.ParentSpanId);
        // Over the network the hop would be an HTTP client request of the same trace.
        Assert.DoesNotContain(seen, activity => activity.Source.Name == "System.Net.Http");
    }
}
