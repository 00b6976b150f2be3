using System.Diagnostics;

namespace LoanPlatform.LocalHost.Services;

/// <summary>
/// The last handler of an outgoing HTTP client in the local host: a request for a service of this process goes through
/// that service's in-memory door, anything else over the network (the inner handler). Everything outer (the service
/// token, the gateway's proof, retries) has run by then, so the request is the same either way.
/// </summary>
public sealed class InProcessRoutingHandler(InProcessServices services) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!services.TryFind(request.RequestUri, out var service))
        {
            return base.SendAsync(request, cancellationToken);
        }

        // The network handler would carry the trace context (W3C traceparent) to the service; so does this door, so the
        // service's spans join the caller's trace.
        if (Activity.Current is { } activity)
        {
            var propagator = DistributedContextPropagator.Current;
            foreach (var field in propagator.Fields)
            {
                request.Headers.Remove(field);
            }

            propagator.Inject(activity, request, static (carrier, name, value) => ((HttpRequestMessage)carrier!).Headers.TryAddWithoutValidation(name, value));
        }

        return service.SendAsync(request, cancellationToken);
    }
}
