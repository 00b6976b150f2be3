using Microsoft.Extensions.Hosting;

namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>Prepares the store before the host takes traffic, so a misconfiguration fails the start rather than the first request.</summary>
internal sealed class DocumentStoreInitializer(IDocumentStoreBackend backend) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => backend.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
