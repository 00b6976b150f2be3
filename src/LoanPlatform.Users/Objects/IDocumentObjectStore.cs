namespace LoanPlatform.Users.Objects;

/// <summary>
/// Where uploaded identity documents live (local files, Azure Blob with a user-delegation SAS, S3 with presigned URLs).
/// Clients never stream documents through the service: they get a short-lived signed request for exactly one object.
/// </summary>
public interface IDocumentObjectStore
{
    /// <summary>A signed request that may write exactly <paramref name="objectKey"/>, once, with the given content type and size.</summary>
    Task<SignedObjectRequest> CreateUploadRequestAsync(string objectKey, ObjectUploadConstraints constraints, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>A signed request that may read <paramref name="objectKey"/> until <paramref name="expiresAt"/>.</summary>
    Task<SignedObjectRequest> CreateDownloadRequestAsync(string objectKey, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The stored object's properties and content, or null when nothing was uploaded.</summary>
    Task<StoredObject?> OpenReadAsync(string objectKey, CancellationToken cancellationToken);

    /// <summary>
    /// Copies <paramref name="sourceKey"/> to <paramref name="destinationKey"/> inside the store (no bytes through the
    /// service), only while the source is still the version <paramref name="sourceETag"/> and only if nothing exists at
    /// the destination: a copy made this way holds exactly the bytes that were read under that ETag, and is never replaced.
    /// </summary>
    Task<ObjectCopyResult> CopyIfAbsentAsync(string sourceKey, string sourceETag, string destinationKey, CancellationToken cancellationToken);

    /// <summary>Removes the object; false when there was none.</summary>
    Task<bool> DeleteAsync(string objectKey, CancellationToken cancellationToken);
}
