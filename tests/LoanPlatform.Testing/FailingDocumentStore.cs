using LoanPlatform.BuildingBlocks.Storage;

namespace LoanPlatform.Testing;

/// <summary>
/// A store that refuses every write while <see cref="Failing"/> is set, as an unreachable database would; the one fault
/// the stand-ins cannot be made to show on demand. Reads and queries pass through.
/// </summary>
public sealed class FailingDocumentStore<T>(IDocumentStore<T> inner) : IDocumentStore<T> where T : class
{
    public bool Failing { get; set; }

    public int Refused { get; private set; }

    public Task<StoredDocument<T>?> FindAsync(string partitionKey, string id, CancellationToken cancellationToken = default) =>
        inner.FindAsync(partitionKey, id, cancellationToken);

    public Task<StoredDocument<T>> CreateAsync(string partitionKey, string id, T value, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Failing)
        {
            Refused++;
            throw new HttpRequestException("The store is unreachable.");
        }

        return inner.CreateAsync(partitionKey, id, value, options, cancellationToken);
    }

    public Task<StoredDocument<T>> ReplaceAsync(string partitionKey, string id, T value, string ifMatchETag, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.ReplaceAsync(partitionKey, id, value, ifMatchETag, options, cancellationToken);

    public Task<bool> DeleteAsync(string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(partitionKey, id, ifMatchETag, cancellationToken);

    public IAsyncEnumerable<StoredDocument<T>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(query, cancellationToken);
}
