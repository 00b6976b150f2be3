using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace LoanPlatform.LocalHost.Durable;

/// <summary>
/// The Durable Task backend of the local platform: the public TaskHubGrpcServer sidecar over an orchestration
/// service, served in memory. The Loans service's worker and client connect to it over gRPC, exactly as they
/// connect to the Functions host's sidecar in Azure, so the orchestration code is the same in both. By default the
/// state is in memory and the Loans store re-hydrates open loans at start; opt in to the Azure Storage backend (over
/// Azurite) to keep orchestration state itself across restarts.
/// </summary>
public sealed class InProcessDurableEngine : IAsyncDisposable
{
    private readonly WebApplication _sidecar;
    private readonly LocalOrchestrationService _backend;

    private InProcessDurableEngine(WebApplication sidecar, LocalOrchestrationService backend)
    {
        _sidecar = sidecar;
        _backend = backend;
        Channel = GrpcChannel.ForAddress("http://sidecar", new GrpcChannelOptions { HttpHandler = sidecar.GetTestServer().CreateHandler() });
    }

    /// <summary>
    /// The one channel the Loans service's worker and client use, owned here and closed only after the Loans app (and
    /// so the worker) has stopped: a channel the worker's own container disposed could go while its last calls were
    /// still on it (<c>ObjectDisposedException</c>, <c>RpcException: Cancelled</c> at a stop under load).
    /// </summary>
    public GrpcChannel Channel { get; }

    public static async Task<InProcessDurableEngine> StartAsync(DurableEngineOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, Services.EmbeddedHostLifetime>();
        builder.Services.AddSingleton(loggerFactory);
        // Only the Loans service's worker and client, in this process, talk to it: in memory, with no socket or HTTP/2
        // framing for each step of an orchestration.
        builder.WebHost.UseTestServer();
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 16 * 1024 * 1024);
        var orchestrationService = await CreateBackendAsync(options, loggerFactory);
        builder.Services.AddSingleton<IOrchestrationService>(orchestrationService);
        builder.Services.AddSingleton((IOrchestrationServiceClient)orchestrationService);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
        return new InProcessDurableEngine(app, orchestrationService);
    }

    /// <summary>Both backends implement the service and its client; the sidecar needs both halves of the same instance.</summary>
    private static async Task<LocalOrchestrationService> CreateBackendAsync(DurableEngineOptions options, ILoggerFactory loggerFactory)
    {
        if (options.Backend == DurableBackend.InMemory)
        {
            return new LocalOrchestrationService(new InMemoryOrchestrationService(loggerFactory), options.MaxConcurrentWorkItems);
        }

        var connectionString = options.AzureStorageConnectionString
            ?? throw new InvalidOperationException("Durable:AzureStorageConnectionString is required for the AzureStorage backend.");
        // Each request counted (per retry: Azure bills every attempt) for the cost count of a loan's orchestration.
        var blobs = new BlobClientOptions();
        blobs.AddPolicy(DurableStorageMetrics.CountRequestsOf("blob"), HttpPipelinePosition.PerRetry);
        var queues = new QueueClientOptions();
        queues.AddPolicy(DurableStorageMetrics.CountRequestsOf("queue"), HttpPipelinePosition.PerRetry);
        var tables = new TableClientOptions();
        tables.AddPolicy(DurableStorageMetrics.CountRequestsOf("table"), HttpPipelinePosition.PerRetry);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, blobs),
                StorageServiceClientProvider.ForQueue(connectionString, queues),
                StorageServiceClientProvider.ForTable(connectionString, tables)),
            TaskHubName = options.TaskHubName,
            // One identity per start, so a new start never mistakes a lease of the stopped one for its own.
            WorkerId = $"{Environment.MachineName}-{Guid.NewGuid():N}",
            LoggerFactory = loggerFactory,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentWorkItems,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentWorkItems,
            // The default idle back-off is 30 s; locally a decision should move the loan within a second.
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            // Short leases: after a stop that could not release them (a crash, a drain cut short), the next start takes
            // the partitions over within seconds instead of the default half minute or more.
            LeaseInterval = TimeSpan.FromSeconds(10),
            LeaseRenewInterval = TimeSpan.FromSeconds(3),
            LeaseAcquireInterval = TimeSpan.FromSeconds(2),
            // The app lease arbitrates between app deployments sharing a hub; one local process needs none, and an
            // unreleased one would hold the next start back for a minute.
            UseAppLease = false,
            // A message fetched but not finished when the process stopped reappears after its visibility timeout; the
            // defaults (minutes) would leave a restarted loan stuck that long. Every step here is short and idempotent.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
        });
        // The sidecar does not create the task hub itself.
        await service.CreateIfNotExistsAsync();
        return new LocalOrchestrationService(service, options.MaxConcurrentWorkItems);
    }

    /// <summary>
    /// The first step of a clean stop, before the worker stops: no more work goes out, and what is out comes back
    /// (a few milliseconds of activity and replay). Whatever does not come back in time is simply done again after the
    /// restart, as after a crash.
    /// </summary>
    public Task<bool> DrainAsync(TimeSpan timeout) => _backend.DrainAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _sidecar.StopAsync(timeout.Token);
        await _sidecar.DisposeAsync();

        // Forced (see LocalOrchestrationService.StopAsync): an instance left draining goes on renewing its leases,
        // starving the next start. Without a drain the leases just expire (LeaseInterval), as they would after a crash,
        // and the next start takes them over.
        await _backend.StopAsync(isForced: true).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
