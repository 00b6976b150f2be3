using Azure.Storage.Blobs;
using LoanPlatform.Testing;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.AzureBlob;

namespace LoanPlatform.Users.Tests.Contract;

/// <summary>The Azure Blob adapter against Azurite, which validates SAS tokens for real (account-key SAS here).</summary>
public sealed class AzureBlobDocumentObjectStoreContractTests(AzuriteFixture azurite) : DocumentObjectStoreContractTests, IClassFixture<AzuriteFixture>, IAsyncLifetime, IDisposable
{
    private readonly HttpClient http = new();
    private IDocumentObjectStore? store;

    protected override IDocumentObjectStore Store => store!;

    protected override HttpClient Http => http;

    public async Task InitializeAsync()
    {
        var options = new AzureBlobDocumentsOptions { ConnectionString = azurite.ConnectionString };
        // In Azure the container comes from Bicep; Azurite starts empty.
        await new BlobServiceClient(options.ConnectionString).GetBlobContainerClient(options.Container).CreateIfNotExistsAsync();
        store = ObjectStores.Create(ObjectStores.AzureBlobSettings(options.ConnectionString));
        Assert.IsType<AzureBlobDocumentObjectStore>(store);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => http.Dispose();
}
