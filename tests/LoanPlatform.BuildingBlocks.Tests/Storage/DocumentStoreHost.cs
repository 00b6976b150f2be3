using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.BuildingBlocks.Tests.Storage;

/// <summary>A started host wired the way services wire the store, so the contract runs through the real registration.</summary>
public sealed class DocumentStoreHost : IAsyncDisposable
{
    public const string ServiceName = "loans";

    private readonly IHost host;

    private DocumentStoreHost(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public static async Task<DocumentStoreHost> StartAsync(IDictionary<string, string?> configuration, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddDocumentStore(ServiceName);
        builder.Services.AddDocumentType<LoanApplication>("loanApplication");
        builder.Services.AddDocumentType<CreditCheck>("creditCheck");
        builder.Services.AddDocumentType<TaggedNote>("taggedNote");
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new DocumentStoreHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
