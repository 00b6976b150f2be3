using Azure.Storage.Blobs;
using LoanPlatform.Testing;
using LoanPlatform.Users.Objects.AzureBlob;
using LoanPlatform.Users.Tests.Contract;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Sealing on Azure Blob (Azurite, real SAS checks), completed by the blob-created trigger as in Azure.</summary>
public sealed class AzureBlobSealedDocumentTests(AzuriteFixture azurite) : StandInSealedDocumentTests<AzureBlobDocumentObjectStore>, IClassFixture<AzuriteFixture>
{
    protected override async Task<IReadOnlyDictionary<string, string?>> SettingsAsync()
    {
        // In Azure the container comes from Bicep; Azurite starts empty.
        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(new AzureBlobDocumentsOptions().Container).CreateIfNotExistsAsync();
        return ObjectStores.AzureBlobSettings(azurite.ConnectionString);
    }

    protected override Task CompleteAsync(string userId, string documentId, HttpClient client) => DocumentUploadedFunctionTests.RunTriggerAsync(Host, userId, documentId);
}
