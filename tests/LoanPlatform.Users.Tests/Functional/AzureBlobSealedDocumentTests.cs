using Azure.Storage.Blobs;
using LoanPlatform.Testing;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.AzureBlob;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Sealing on Azure Blob (Azurite, real SAS checks), completed by the blob-created trigger as in Azure.</summary>
public sealed class AzureBlobSealedDocumentTests(AzuriteFixture azurite) : SealedDocumentTests, IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private UsersHost? host;

    protected override UsersHost Host => host!;

    public async Task InitializeAsync()
    {
        // In Azure the container comes from Bicep; Azurite starts empty.
        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(new AzureBlobDocumentsOptions().Container).CreateIfNotExistsAsync();
        host = await UsersHost.StartAsync(new Dictionary<string, string?>
        {
            ["Documents:Provider"] = nameof(DocumentsProvider.AzureBlob),
            ["Documents:AzureBlob:ConnectionString"] = azurite.ConnectionString,
        });
        Assert.IsType<AzureBlobDocumentObjectStore>(host.GetRequiredService<IDocumentObjectStore>());
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    protected override Task CompleteAsync(string userId, string documentId, HttpClient client) => DocumentUploadedFunctionTests.RunTriggerAsync(Host, userId, documentId);
}
