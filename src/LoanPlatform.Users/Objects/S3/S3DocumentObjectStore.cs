using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.Users.Objects.S3;

/// <summary>
/// Documents in a private S3 bucket behind SigV4 presigned URLs for exactly one key. The upload URL signs the
/// method, key, Content-Type and Content-Length (the declared size: S3 refuses a body of any other length before storing
/// it, which a Blob SAS cannot do); <see cref="StoredObjectCheck"/> still runs before a document counts.
/// </summary>
public sealed class S3DocumentObjectStore(IAmazonS3 s3, string bucket) : IDocumentObjectStore
{
    public async Task<SignedObjectRequest> CreateUploadRequestAsync(string objectKey, ObjectUploadConstraints constraints, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var url = await PresignAsync(objectKey, HttpVerb.PUT, expiresAt, constraints.ContentType, constraints.MaxSizeBytes);
        return new SignedObjectRequest(url, HttpMethods.Put, new Dictionary<string, string> { ["Content-Type"] = constraints.ContentType }, expiresAt);
    }

    public async Task<SignedObjectRequest> CreateDownloadRequestAsync(string objectKey, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        new(await PresignAsync(objectKey, HttpVerb.GET, expiresAt, null, null), HttpMethods.Get, new Dictionary<string, string>(), expiresAt);

    public async Task<StoredObject?> OpenReadAsync(string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = KeyOf(objectKey) }, cancellationToken);
            return new StoredObject(response.ContentLength, response.Headers.ContentType ?? "", response.ETag, response.ResponseStream);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>CopyObject inside the bucket with x-amz-copy-source-if-match (the source version) and If-None-Match: * (write once).</summary>
    public async Task<ObjectCopyResult> CopyIfAbsentAsync(string sourceKey, string sourceETag, string destinationKey, CancellationToken cancellationToken)
    {
        try
        {
            await s3.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = bucket,
                SourceKey = KeyOf(sourceKey),
                DestinationBucket = bucket,
                DestinationKey = KeyOf(destinationKey),
                ETagToMatch = sourceETag,
                IfNoneMatch = "*",
            }, cancellationToken);
            return ObjectCopyResult.Copied;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Both conditions fail with 412 (and a concurrent write with 409): the destination tells which.
            return await ExistsAsync(destinationKey, cancellationToken) ? ObjectCopyResult.DestinationExists : ObjectCopyResult.SourceChanged;
        }
    }

    public async Task<bool> DeleteAsync(string objectKey, CancellationToken cancellationToken)
    {
        // S3 answers 204 whether or not the key existed; ask first so the caller learns which.
        if (!await ExistsAsync(objectKey, cancellationToken))
        {
            return false;
        }

        await s3.DeleteObjectAsync(bucket, objectKey, cancellationToken);
        return true;
    }

    private async Task<bool> ExistsAsync(string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(bucket, KeyOf(objectKey), cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<Uri> PresignAsync(string objectKey, HttpVerb verb, DateTimeOffset expiresAt, string? contentType, long? contentLength)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = KeyOf(objectKey),
            Verb = verb,
            Expires = expiresAt.UtcDateTime,
            ContentType = contentType,
            // Presigning does not look at the endpoint's scheme; a local http endpoint needs saying so.
            Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        if (contentLength is { } length)
        {
            // A signed Content-Length: S3 refuses a body of any other length before storing it.
            request.Headers.ContentLength = length;
        }

        return new Uri(await s3.GetPreSignedURLAsync(request));
    }

    private static string KeyOf(string objectKey) =>
        ObjectKeys.IsValid(objectKey) ? objectKey : throw new ArgumentException("Invalid object key.", nameof(objectKey));
}
