using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;

namespace LoanPlatform.LocalHost.Services;

/// <summary>
/// A service's server in the local host: Kestrel on its loopback port, for callers outside the process, and an
/// in-memory door to the same application for the gateway and the other services, which share the process. In Azure
/// API Management and each Function app are machines apart; here a socket, an HTTP client's request and a second HTTP
/// parse per forwarded request cost more CPU than the service's own work (docs/performance.md, "What the gateway costs").
/// The door is ASP.NET Core's in-memory server (<see cref="TestServer"/>): every request still runs the application's
/// whole pipeline, with its middleware, authentication and endpoints.
/// </summary>
public sealed class InProcessServer(IServer network, TestServer memory) : IServer
{
    /// <summary>The network server's features: the addresses the service listens on.</summary>
    public IFeatureCollection Features => network.Features;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        await ((IServer)memory).StartAsync(application, cancellationToken);
        await network.StartAsync(application, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await network.StopAsync(cancellationToken);
        await ((IServer)memory).StopAsync(cancellationToken);
    }

    /// <summary>
    /// A handler that hands requests to the application in memory, once it has started. The caller is the loopback, as
    /// it would be over the network: the forwarded-headers rule trusts the gateway's hints only from there.
    /// </summary>
    public HttpMessageHandler CreateHandler() => memory.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Loopback);

    public void Dispose()
    {
        network.Dispose();
        memory.Dispose();
    }
}
