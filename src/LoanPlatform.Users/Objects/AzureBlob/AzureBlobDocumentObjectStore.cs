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
    /// <summary>The copy runs within one request; its source URL is never handed out and need not outlive it.</summary>
    public static readonly TimeSpan CopySourceUrlLifetime = TimeSpan.FromMinutes(1);

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
            return new StoredObject(details.ContentLength, details.ContentType ?? "", details.ETag.ToString(), download.Value.Content);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Copy Blob From URL: synchronous and inside the account. The source is read through a read-only SAS that lasts
    /// <see cref="CopySourceUrlLifetime"/> (the operation accepts a SAS-authorized source, user-delegation included),
    /// only while it still has <paramref name="sourceETag"/>; the destination must not exist (If-None-Match: *).
    /// </summary>
    public async Task<ObjectCopyResult> CopyIfAbsentAsync(string sourceKey, string sourceETag, string destinationKey, CancellationToken cancellationToken)
    {
        var destination = BlobOf(destinationKey);
        var source = await SignAsync(sourceKey, BlobSasPermissions.Read, time.GetUtcNow() + CopySourceUrlLifetime, HttpMethods.Get, new Dictionary<string, string>(), cancellationToken);
        try
        {
            await destination.SyncCopyFromUriAsync(source.Url, new BlobCopyFromUriOptions
            {
                SourceConditions = new BlobRequestConditions { IfMatch = new ETag(sourceETag) },
                DestinationConditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return ObjectCopyResult.Copied;
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status404NotFound or StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            // BlobAlreadyExists (409) for the destination, SourceConditionNotMet (412) or BlobNotFound (404) for the source.
            return await destination.ExistsAsync(cancellationToken) ? ObjectCopyResult.DestinationExists : ObjectCopyResult.SourceChanged;
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
