using System.Globalization;
using System.Security.Cryptography;
using LoanPlatform.BuildingBlocks.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LoanPlatform.Users.Objects.Local;

/// <summary>
/// Objects as files under {root}/objects, written and read through HMAC-signed, expiring URLs served by
/// <see cref="Apis.LocalFileEndpoints"/>: the local stand-in for a Blob SAS or an S3 presigned URL.
/// </summary>
public sealed class LocalDocumentObjectStore(LocalUrlSigner signer, string objectsRoot, Uri publicBaseUrl, TimeProvider time) : IDocumentObjectStore
{
    public const string RoutePrefix = "/files";
    private const string ContentTypeSuffix = ".content-type";

    public Task<SignedObjectRequest> CreateUploadRequestAsync(string objectKey, ObjectUploadConstraints constraints, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var exp = expiresAt.ToUnixTimeSeconds();
        var url = BuildUrl(objectKey, new Dictionary<string, string?>
        {
            ["exp"] = exp.ToString(CultureInfo.InvariantCulture),
            ["method"] = HttpMethods.Put,
            ["size"] = constraints.MaxSizeBytes.ToString(CultureInfo.InvariantCulture),
            ["sig"] = signer.Sign(HttpMethods.Put, objectKey, exp, constraints.ContentType, constraints.MaxSizeBytes),
        });
        return Task.FromResult(new SignedObjectRequest(url, HttpMethods.Put, new Dictionary<string, string> { ["Content-Type"] = constraints.ContentType }, expiresAt));
    }

    public Task<SignedObjectRequest> CreateDownloadRequestAsync(string objectKey, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var exp = expiresAt.ToUnixTimeSeconds();
        var url = BuildUrl(objectKey, new Dictionary<string, string?>
        {
            ["exp"] = exp.ToString(CultureInfo.InvariantCulture),
            ["method"] = HttpMethods.Get,
            ["sig"] = signer.Sign(HttpMethods.Get, objectKey, exp, "", 0),
        });
        return Task.FromResult(new SignedObjectRequest(url, HttpMethods.Get, new Dictionary<string, string>(), expiresAt));
    }

    /// <summary>
    /// Reads the object whole (uploads are limited to a few MB by their signed size) so its ETag, the SHA-256 of the
    /// content, names exactly the bytes returned even if a signed PUT replaces the file meanwhile.
    /// </summary>
    public async Task<StoredObject?> OpenReadAsync(string objectKey, CancellationToken cancellationToken)
    {
        var path = PathOf(objectKey);
        try
        {
            var contentType = await File.ReadAllTextAsync(path + ContentTypeSuffix, cancellationToken);
            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            return new StoredObject(content.Length, contentType, ETagOf(content), new MemoryStream(content, writable: false));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task<ObjectCopyResult> CopyIfAbsentAsync(string sourceKey, string sourceETag, string destinationKey, CancellationToken cancellationToken)
    {
        var destination = PathOf(destinationKey);
        if (File.Exists(destination))
        {
            return ObjectCopyResult.DestinationExists;
        }

        await using var source = await OpenReadAsync(sourceKey, cancellationToken);
        if (source is null || source.ETag != sourceETag)
        {
            return ObjectCopyResult.SourceChanged;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temp = $"{destination}.{Guid.NewGuid():N}.copy";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await source.Content.CopyToAsync(file, cancellationToken);
            }

            // The type first, since a reader needs both files; replaced whole, as a racing copy of the same version may be
            // reading it (and writes the same type).
            await File.WriteAllTextAsync(temp + ContentTypeSuffix, source.ContentType, cancellationToken);
            File.Move(temp + ContentTypeSuffix, destination + ContentTypeSuffix, overwrite: true);
            // Without overwrite the move fails if the destination appeared meanwhile: the copy is written once.
            File.Move(temp, destination, overwrite: false);
            return ObjectCopyResult.Copied;
        }
        catch (IOException) when (File.Exists(destination))
        {
            return ObjectCopyResult.DestinationExists;
        }
        finally
        {
            File.Delete(temp);
            File.Delete(temp + ContentTypeSuffix);
        }
    }

    public Task<bool> DeleteAsync(string objectKey, CancellationToken cancellationToken)
    {
        var path = PathOf(objectKey);
        var existed = File.Exists(path);
        if (existed)
        {
            File.Delete(path);
        }

        if (File.Exists(path + ContentTypeSuffix))
        {
            File.Delete(path + ContentTypeSuffix);
        }

        return Task.FromResult(existed);
    }

    /// <summary>
    /// Stores the body of a signed PUT. Refuses (403) an expired URL, a signature that does not cover this object,
    /// method, content type and size limit, and a body over the limit, which is detected while reading, not trusted from headers.
    /// </summary>
    public async Task WriteSignedAsync(string objectKey, IQueryCollection query, string? contentType, long? contentLength, Stream body, CancellationToken cancellationToken)
    {
        var maxSize = long.TryParse(query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : -1;
        Authorize(HttpMethods.Put, objectKey, query, contentType ?? "", maxSize);
        if (contentLength > maxSize)
        {
            throw TooLarge();
        }

        var path = PathOf(objectKey);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.upload";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxSize)
                    {
                        throw TooLarge();
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            await File.WriteAllTextAsync(path + ContentTypeSuffix, contentType, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Opens the object a signed GET names, or 404 when the URL is valid but nothing is stored.</summary>
    public async Task<StoredObject> ReadSignedAsync(string objectKey, IQueryCollection query, CancellationToken cancellationToken)
    {
        Authorize(HttpMethods.Get, objectKey, query, "", 0);
        return await OpenReadAsync(objectKey, cancellationToken) ?? throw ProblemException.NotFound("The file");
    }

    private void Authorize(string method, string objectKey, IQueryCollection query, string contentType, long maxSize)
    {
        if (!ObjectKeys.IsValid(objectKey)
            || !string.Equals(query["method"], method, StringComparison.Ordinal)
            || !long.TryParse(query["exp"], NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            || query["sig"].ToString() is not { Length: > 0 } signature
            || !signer.Verify(signature, method, objectKey, exp, contentType, maxSize))
        {
            throw ProblemException.Forbidden("signature-invalid", "The signed URL does not allow this request.");
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() > exp)
        {
            throw ProblemException.Forbidden("signature-expired", "The signed URL has expired.");
        }
    }

    private static string ETagOf(byte[] content) => $"\"{Convert.ToHexStringLower(SHA256.HashData(content))}\"";

    private static ProblemException TooLarge() => ProblemException.Forbidden("upload-too-large", "The upload is larger than the size it was signed for.");

    private Uri BuildUrl(string objectKey, Dictionary<string, string?> query) =>
        new(QueryHelpers.AddQueryString($"{publicBaseUrl.AbsoluteUri.TrimEnd('/')}{RoutePrefix}/{objectKey}", query));

    private string PathOf(string objectKey)
    {
        if (!ObjectKeys.IsValid(objectKey))
        {
            throw new ArgumentException("Invalid object key.", nameof(objectKey));
        }

        return Path.Combine(objectsRoot, objectKey.Replace('/', Path.DirectorySeparatorChar));
    }
}
