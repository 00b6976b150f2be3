using Microsoft.Azure.Cosmos;

namespace LoanPlatform.BuildingBlocks.Storage.Cosmos;

/// <summary>One service's container, shared by all its document types; owns the client.</summary>
internal sealed class CosmosDocumentContainer(CosmosClient client, string databaseName, string containerName, bool createIfNotExists)
    : IDocumentStoreBackend, IDisposable
{
    private readonly Container container = client.GetContainer(databaseName, containerName);

    public IDocumentStore<T> CreateStore<T>(string documentType) where T : class =>
        new CosmosDocumentStore<T>(container, DocumentNames.DocumentType(documentType));

    /// <summary>Creates the container for local runs and tests only; in Azure it is provisioned with the infrastructure.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!createIfNotExists)
        {
            return;
        }

        var database = (await client.CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: cancellationToken)).Database;

        // A default TTL of -1 turns expiry on without expiring anything, so each item's own ttl applies.
        var properties = new ContainerProperties(containerName, "/pk") { DefaultTimeToLive = -1 };
        await database.CreateContainerIfNotExistsAsync(properties, cancellationToken: cancellationToken);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var response = await container.ReadContainerStreamAsync(cancellationToken: cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => client.Dispose();
}
