using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace LoanPlatform.BuildingBlocks.Storage.Cosmos;

/// <summary>
/// The Cosmos DB adapter. It uses the stream API so status codes are answers rather than exceptions and the
/// body goes through the same System.Text.Json settings as the embedded store.
/// </summary>
public sealed class CosmosDocumentStore<T> : IDocumentStore<T> where T : class
{
    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    private readonly Container container;
    private readonly string documentType;

    internal CosmosDocumentStore(Container container, string documentType)
    {
        this.container = container;
        this.documentType = documentType;
    }

    public async Task<StoredDocument<T>?> FindAsync(string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        using var response = await container.ReadItemStreamAsync(CosmosIds.Physical(documentType, id), new PartitionKey(partitionKey), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            DocumentStoreMetrics.Record(DocumentStoreMetrics.ReadMissing, documentType, 0);
            return null;
        }

        response.EnsureSuccessStatusCode();
        DocumentStoreMetrics.Record(DocumentStoreMetrics.Read, documentType, response.Content.Length);
        using var item = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        return CosmosEnvelope.Read<T>(item.RootElement);
    }

    public async Task<StoredDocument<T>> CreateAsync(string partitionKey, string id, T value, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var body = CosmosEnvelope.Write(documentType, partitionKey, id, value, options);
        using var response = await container.CreateItemStreamAsync(body, new PartitionKey(partitionKey), NoContent, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            DocumentStoreMetrics.Record(DocumentStoreMetrics.Refused, documentType, 0);
            throw new DocumentConflictException(id);
        }

        response.EnsureSuccessStatusCode();
        DocumentStoreMetrics.Record(DocumentStoreMetrics.Create, documentType, body.Length);
        return new StoredDocument<T>(partitionKey, id, value, response.Headers.ETag);
    }

    public async Task<StoredDocument<T>> ReplaceAsync(string partitionKey, string id, T value, string ifMatchETag, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var body = CosmosEnvelope.Write(documentType, partitionKey, id, value, options);
        var requestOptions = new ItemRequestOptions { IfMatchEtag = ifMatchETag, EnableContentResponseOnWrite = false };
        using var response = await container.ReplaceItemStreamAsync(body, CosmosIds.Physical(documentType, id), new PartitionKey(partitionKey), requestOptions, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            DocumentStoreMetrics.Record(DocumentStoreMetrics.Refused, documentType, 0);
            throw response.StatusCode == HttpStatusCode.NotFound ? new DocumentNotFoundException(id) : new DocumentPreconditionFailedException(id);
        }

        response.EnsureSuccessStatusCode();
        DocumentStoreMetrics.Record(DocumentStoreMetrics.Replace, documentType, body.Length);
        return new StoredDocument<T>(partitionKey, id, value, response.Headers.ETag);
    }

    public async Task<bool> DeleteAsync(string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        var requestOptions = new ItemRequestOptions { IfMatchEtag = ifMatchETag };
        using var response = await container.DeleteItemStreamAsync(CosmosIds.Physical(documentType, id), new PartitionKey(partitionKey), requestOptions, cancellationToken);
        DocumentStoreMetrics.Record(response.IsSuccessStatusCode ? DocumentStoreMetrics.Delete : DocumentStoreMetrics.Refused, documentType, 0);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound: return false;
            case HttpStatusCode.PreconditionFailed: throw new DocumentPreconditionFailedException(id);
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    public async IAsyncEnumerable<StoredDocument<T>> QueryAsync(DocumentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (definition, requestOptions) = Translate(query);
        var remaining = query.MaxItems ?? int.MaxValue;
        using var iterator = container.GetItemQueryStreamIterator(definition, requestOptions: requestOptions);
        long bytes = 0;
        try
        {
            while (remaining > 0 && iterator.HasMoreResults)
            {
                using var page = await iterator.ReadNextAsync(cancellationToken);
                page.EnsureSuccessStatusCode();
                bytes += page.Content.Length;
                using var items = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken);
                foreach (var item in items.RootElement.GetProperty("Documents").EnumerateArray())
                {
                    yield return CosmosEnvelope.Read<T>(item);
                    if (--remaining == 0)
                    {
                        yield break;
                    }
                }
            }
        }
        finally
        {
            DocumentStoreMetrics.Record(DocumentStoreMetrics.Query, documentType, bytes, DocumentStoreMetrics.ScopeOf(query));
        }
    }

    private (QueryDefinition Definition, QueryRequestOptions Options) Translate(DocumentQuery query)
    {
        var sql = new StringBuilder("SELECT * FROM c WHERE c.type = @type");
        var parameters = new List<(string Name, object Value)> { ("@type", documentType) };
        var options = new QueryRequestOptions { MaxItemCount = query.MaxItems is { } max ? Math.Min(max, 1000) : null };
        if (query.PartitionKey is not null)
        {
            // Stated in the SQL as well as in the request scope: the stand-in only honours the former.
            sql.Append(" AND c.pk = @pk");
            parameters.Add(("@pk", query.PartitionKey));
            options.PartitionKey = new PartitionKey(query.PartitionKey);
        }

        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            sql.Append(FormattableString.Invariant($" AND c.data.{DocumentNames.FieldName(filter.Field)} = @p{i}"));
            parameters.Add(($"@p{i}", DocumentJson.ToScalar(filter.Value)));
        }

        for (var i = 0; i < query.Contains.Count; i++)
        {
            var filter = query.Contains[i];
            sql.Append(FormattableString.Invariant($" AND ARRAY_CONTAINS(c.data.{DocumentNames.FieldName(filter.Field)}, @c{i})"));
            parameters.Add(($"@c{i}", DocumentJson.ToScalar(filter.Value)));
        }

        var definition = new QueryDefinition(sql.ToString());
        foreach (var (name, value) in parameters)
        {
            definition = definition.WithParameter(name, value);
        }

        return (definition, options);
    }
}
