using Yarp.ReverseProxy.Forwarder;

namespace LoanPlatform.LocalHost.Services;

/// <summary>The gateway's clients to the services: YARP's, with the services of this process reached in memory.</summary>
public sealed class InProcessForwarderHttpClientFactory(InProcessServices services, ILogger<ForwarderHttpClientFactory> logger)
    : ForwarderHttpClientFactory(logger)
{
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new InProcessRoutingHandler(services) { InnerHandler = base.WrapHandler(context, handler) };
}
