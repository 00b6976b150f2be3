using LoanPlatform.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Tests.Storage;

/// <summary>A Cosmos store on the stand-in, its container created at startup as in local runs.</summary>
public sealed class CosmosDocumentStoreFixture : IAsyncLifetime
{
    private readonly CosmosStandInFixture standIn = new();

    public DocumentStoreHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await standIn.InitializeAsync();
        Host = await DocumentStoreHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["DocumentStore:Provider"] = "Cosmos",
                ["DocumentStore:Cosmos:ConnectionString"] = standIn.ConnectionString,
                ["DocumentStore:Cosmos:CreateIfNotExists"] = "true",
            },
            services => services.Configure<CosmosClientOptions>(standIn.ConfigureClient));
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await standIn.DisposeAsync();
    }
}
