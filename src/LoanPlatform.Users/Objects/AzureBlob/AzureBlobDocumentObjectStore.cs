using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.Users.Objects.AzureBlob;

/// <summary>
/// Documents in a private Blob container. Upload URLs are SAS tokens for exactly one blob with Create|Write only;
/// download URLs are Read only; both last minutes. In Azure they are user-delegation SAS signed with a key obtained
/// through the managed identity (<paramref name="delegationKeys"/>); without one (Azurite only) the account key signs.
/// A SAS cannot limit size or content type, so <see cref="StoredObjectCheck"/> runs before a document counts.
/// </summary>
public sealed class AzureBlobDocumentObjectStore(BlobContainerClient container, UserDelegationKeyCache? delegationKeys, TimeProvider time) : IDocumentObjectStore
{
    public Task<SignedObjectRequest> CreateUploadRequestAsync(string objectKey, ObjectUploadConstraints constraints, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        SignAsync(objectKey, BlobSasPermissions.Create | BlobSasPermissions.Write, expiresAt, HttpMethods.Put,
            new Dictionary<string, string> { ["Content-Type"] = constraints.ContentType, ["x-ms-blob-type"] = "BlockBlob" }, cancellationToken);

    public Task<SignedObjectRequest> CreateDownloadRequestAsync(string objectKey, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        SignAsync(objectKey, BlobSasPermissions.Read, expiresAt, HttpMethods.Get, new Dictionary<string, string>(), cancellationToken);

    public async Task<StoredObject?> OpenReadAsync(string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            var download = await BlobOf(objectKey).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = download.Value.Details;
            return new StoredObject(details.ContentLength, details.ContentType ?? "", download.Value.Content);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string objectKey, CancellationToken cancellationToken) =>
        await BlobOf(objectKey).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    private async Task<SignedObjectRequest> SignAsync(
        string objectKey, BlobSasPermissions permissions, DateTimeOffset expiresAt, string method, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var blob = BlobOf(objectKey);
        var sas = new BlobSasBuilder(permissions, expiresAt)
        {
            BlobContainerName = container.Name,
            BlobName = objectKey,
            Resource = "b",
            // User-delegation SAS needs StartsOn; a little in the past so a client with a slow clock is not refused.
            StartsOn = time.GetUtcNow() - UserDelegationKeyCache.ClockSkew,
            Protocol = blob.Uri.IsLoopback ? SasProtocol.HttpsAndHttp : SasProtocol.Https,
        };

        Uri url;
        if (delegationKeys is null)
        {
            url = blob.GenerateSasUri(sas);
        }
        else
        {
            var key = await delegationKeys.GetAsync(expiresAt, cancellationToken);
            url = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, container.AccountName) }.ToUri();
        }

        return new SignedObjectRequest(url, method, headers, expiresAt);
    }

    private BlobClient BlobOf(string objectKey) =>
        ObjectKeys.IsValid(objectKey) ? container.GetBlobClient(objectKey) : throw new ArgumentException("Invalid object key.", nameof(objectKey));
}
