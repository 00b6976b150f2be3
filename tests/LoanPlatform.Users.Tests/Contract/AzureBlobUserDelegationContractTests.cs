using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using LoanPlatform.Testing;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.AzureBlob;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Users.Tests.Contract;

/// <summary>
/// The Azure Blob adapter in its managed-identity mode, as in Azure: a bearer token, a user-delegation key and SAS
/// signed with it, against Azurite over HTTPS, which validates user-delegation SAS for real. The token is unsigned
/// (Azurite checks only its claims) and the transport trusts only the certificate made for this run.
/// </summary>
public sealed class AzureBlobUserDelegationContractTests(AzuriteHttpsBlobFixture azurite)
    : DocumentObjectStoreContractTests, IClassFixture<AzuriteHttpsBlobFixture>, IAsyncLifetime, IDisposable
{
    private readonly HttpClient http = new(azurite.Certificate.CreateTrustingHandler());
    private readonly StaticTokenCredential credential = new(UnsignedStorageToken.Create(DateTimeOffset.UtcNow));
    private readonly UserDelegationKeyRequests keyRequests = new();
    private IDocumentObjectStore? store;

    protected override IDocumentObjectStore Store => store!;

    protected override HttpClient Http => http;

    public async Task InitializeAsync()
    {
        var options = new BlobClientOptions { Transport = new HttpClientTransport(azurite.Certificate.CreateTrustingHandler()) };
        options.AddPolicy(keyRequests, HttpPipelinePosition.PerCall);
        // In Azure the container comes from Bicep; Azurite starts empty.
        await new BlobServiceClient(azurite.ServiceUri, credential, options).GetBlobContainerClient(new AzureBlobDocumentsOptions().Container).CreateIfNotExistsAsync();
        store = ObjectStores.Create(
            new Dictionary<string, string?>
            {
                ["Documents:Provider"] = nameof(DocumentsProvider.AzureBlob),
                ["Documents:AzureBlob:ServiceUri"] = azurite.ServiceUri.AbsoluteUri,
            },
            services => services.AddSingleton<TokenCredential>(credential).AddSingleton(options));
        Assert.IsType<AzureBlobDocumentObjectStore>(store);
    }

    [Fact]
    public async Task Urls_are_user_delegation_sas_that_upload_and_one_key_signs_them_all()
    {
        var constraints = new ObjectUploadConstraints("image/jpeg", SampleImages.Jpeg.Length);
        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(5);

        var first = await Store.CreateUploadRequestAsync(NewKey(), constraints, expiresAt, CancellationToken.None);
        var second = await Store.CreateUploadRequestAsync(NewKey(), constraints, expiresAt, CancellationToken.None);
        var download = await Store.CreateDownloadRequestAsync(NewKey(), expiresAt, CancellationToken.None);

        Assert.Equal(1, keyRequests.Count);
        foreach (var upload in new[] { first, second })
        {
            using var put = await UploadAsync(upload, SampleImages.Jpeg);
            Assert.True(put.IsSuccessStatusCode, $"upload answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        }

        foreach (var url in new[] { first.Url, second.Url, download.Url })
        {
            // skoid/sktid and friends name the delegation key; an account-key SAS has none of them.
            Assert.Contains("skoid=", url.Query, StringComparison.Ordinal);
            Assert.StartsWith("https://", url.AbsoluteUri, StringComparison.Ordinal);
        }

        Assert.All(credential.RequestedScopes, scope => Assert.Equal("https://storage.azure.com/.default", scope));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => http.Dispose();
}
