using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace LoanPlatform.LocalHost.Durable;

/// <summary>
/// The Durable Task backend of the local platform: the public TaskHubGrpcServer sidecar over the in-memory
/// orchestration service, on an HTTP/2 loopback port. The Loans service's worker and client connect to it over gRPC,
/// exactly as they connect to the Functions host's sidecar in Azure, so the orchestration code is the same in both.
/// State is in memory; the Loans store is the source of truth and open loans are re-hydrated at start.
/// </summary>
public sealed class InProcessDurableEngine : IAsyncDisposable
{
    private readonly WebApplication _sidecar;

    private InProcessDurableEngine(WebApplication sidecar, string address)
    {
        _sidecar = sidecar;
        Address = address;
    }

    public string Address { get; }

    public static async Task<InProcessDurableEngine> StartAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, Services.EmbeddedHostLifetime>();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 16 * 1024 * 1024);
        var orchestrationService = new InMemoryOrchestrationService(loggerFactory);
        builder.Services.AddSingleton<IOrchestrationService>(orchestrationService);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(orchestrationService);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
        return new InProcessDurableEngine(app, app.Urls.Single());
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _sidecar.StopAsync(timeout.Token);
        await _sidecar.DisposeAsync();
    }
}
