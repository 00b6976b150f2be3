namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>
/// The document-store port every service writes through: one container per service (Cosmos DB in the cloud,
/// an embedded database file locally), documents partitioned by their owner, optimistic concurrency by ETag.
/// A state change and the events it causes are kept in one document so a single conditional write stores both.
/// </summary>
/// <typeparam name="T">The document body, serialized as camelCase JSON.</typeparam>
public interface IDocumentStore<T> where T : class
{
    /// <summary>Reads one document, or null when there is none (or it has expired).</summary>
    Task<StoredDocument<T>?> FindAsync(string partitionKey, string id, CancellationToken cancellationToken = default);

    /// <summary>Creates a document; throws <see cref="DocumentConflictException"/> when the id is taken in that partition.</summary>
    Task<StoredDocument<T>> CreateAsync(string partitionKey, string id, T value, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a document only if it still carries <paramref name="ifMatchETag"/>; throws
    /// <see cref="DocumentPreconditionFailedException"/> on a stale ETag and <see cref="DocumentNotFoundException"/> when it is gone.
    /// </summary>
    Task<StoredDocument<T>> ReplaceAsync(string partitionKey, string id, T value, string ifMatchETag, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a document (only if it carries <paramref name="ifMatchETag"/> when one is given); false when there was none.</summary>
    Task<bool> DeleteAsync(string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default);

    /// <summary>Streams the documents that match every equality filter, within one partition or across all.</summary>
    IAsyncEnumerable<StoredDocument<T>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default);
}
