using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace LoanPlatform.BuildingBlocks.Storage.Embedded;

/// <summary>
/// The embedded adapter: every statement is a single, atomic SQL statement, so concurrent writers are
/// serialized by SQLite and a conditional replace either matches the quoted ETag or changes nothing.
/// </summary>
public sealed class SqliteDocumentStore<T> : IDocumentStore<T> where T : class
{
    private const string Live = "(expires_at IS NULL OR expires_at > $now)";

    private readonly SqliteDocumentDatabase database;
    private readonly string documentType;

    internal SqliteDocumentStore(SqliteDocumentDatabase database, string documentType)
    {
        this.database = database;
        this.documentType = documentType;
    }

    public async Task<StoredDocument<T>?> FindAsync(string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT body, etag FROM documents WHERE type = $type AND pk = $pk AND id = $id AND {Live}", partitionKey, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            DocumentStoreMetrics.Record(DocumentStoreMetrics.ReadMissing, documentType, 0);
            return null;
        }

        var body = reader.GetString(0);
        DocumentStoreMetrics.Record(DocumentStoreMetrics.Read, documentType, Encoding.UTF8.GetByteCount(body));
        return new StoredDocument<T>(partitionKey, id, DocumentJson.Deserialize<T>(body), reader.GetString(1));
    }

    public async Task<StoredDocument<T>> CreateAsync(string partitionKey, string id, T value, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await database.PurgeExpiredIfDueAsync(connection, cancellationToken);

        // An expired row still holds the key until it is purged, so the insert may take its place, but only then.
        await using var command = Command(connection, """
            INSERT INTO documents (type, pk, id, body, etag, expires_at) VALUES ($type, $pk, $id, $body, $etag, $expires)
            ON CONFLICT (type, pk, id) DO UPDATE SET body = excluded.body, etag = excluded.etag, expires_at = excluded.expires_at
            WHERE documents.expires_at <= $now
            """, partitionKey, id);
        var (etag, bytes) = AddBody(command, value, options);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            DocumentStoreMetrics.Record(DocumentStoreMetrics.Refused, documentType, 0);
            throw new DocumentConflictException(id);
        }

        DocumentStoreMetrics.Record(DocumentStoreMetrics.Create, documentType, bytes);

        return new StoredDocument<T>(partitionKey, id, value, etag);
    }

    public async Task<StoredDocument<T>> ReplaceAsync(string partitionKey, string id, T value, string ifMatchETag, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            UPDATE documents SET body = $body, etag = $etag, expires_at = $expires
            WHERE type = $type AND pk = $pk AND id = $id AND etag = $ifMatch AND {Live}
            """, partitionKey, id);
        command.Parameters.AddWithValue("$ifMatch", ifMatchETag);
        var (etag, bytes) = AddBody(command, value, options);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            DocumentStoreMetrics.Record(DocumentStoreMetrics.Replace, documentType, bytes);
            return new StoredDocument<T>(partitionKey, id, value, etag);
        }

        DocumentStoreMetrics.Record(DocumentStoreMetrics.Refused, documentType, 0);

        throw await ExistsAsync(connection, partitionKey, id, cancellationToken)
            ? new DocumentPreconditionFailedException(id)
            : new DocumentNotFoundException(id);
    }

    public async Task<bool> DeleteAsync(string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            DELETE FROM documents
            WHERE type = $type AND pk = $pk AND id = $id AND ($ifMatch IS NULL OR etag = $ifMatch) AND {Live}
            """, partitionKey, id);
        command.Parameters.AddWithValue("$ifMatch", (object?)ifMatchETag ?? DBNull.Value);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        DocumentStoreMetrics.Record(deleted ? DocumentStoreMetrics.Delete : DocumentStoreMetrics.Refused, documentType, 0);
        if (deleted)
        {
            return true;
        }

        return ifMatchETag is not null && await ExistsAsync(connection, partitionKey, id, cancellationToken)
            ? throw new DocumentPreconditionFailedException(id)
            : false;
    }

    public async IAsyncEnumerable<StoredDocument<T>> QueryAsync(DocumentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var filter in query.Filters)
        {
            await database.EnsureFieldIndexAsync(DocumentNames.FieldName(filter.Field)).WaitAsync(cancellationToken);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = new StringBuilder($"SELECT pk, id, body, etag FROM documents WHERE type = $type AND {Live}");
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$type", documentType);
        command.Parameters.AddWithValue("$now", database.NowMilliseconds());
        if (query.PartitionKey is not null)
        {
            sql.Append(" AND pk = $pk");
            command.Parameters.AddWithValue("$pk", query.PartitionKey);
        }

        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            sql.Append(FormattableString.Invariant($" AND json_extract(body, '$.{DocumentNames.FieldName(filter.Field)}') = $p{i}"));

            // json_extract yields 1/0 for JSON booleans.
            var scalar = DocumentJson.ToScalar(filter.Value);
            command.Parameters.AddWithValue($"$p{i}", scalar is bool flag ? (flag ? 1 : 0) : scalar);
        }

        sql.Append(" ORDER BY pk, id");
        if (query.MaxItems is { } max)
        {
            sql.Append(" LIMIT $max");
            command.Parameters.AddWithValue("$max", max);
        }

        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long bytes = 0;
        try
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var body = reader.GetString(2);
                bytes += Encoding.UTF8.GetByteCount(body);
                yield return new StoredDocument<T>(reader.GetString(0), reader.GetString(1), DocumentJson.Deserialize<T>(body), reader.GetString(3));
            }
        }
        finally
        {
            // Once per query, also when the caller stops early (what was read so far is what was paid for).
            DocumentStoreMetrics.Record(DocumentStoreMetrics.Query, documentType, bytes, DocumentStoreMetrics.ScopeOf(query));
        }
    }

    private SqliteCommand Command(SqliteConnection connection, string sql, string partitionKey, string id)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", documentType);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", database.NowMilliseconds());
        return command;
    }

    private (string ETag, long Bytes) AddBody(SqliteCommand command, T value, DocumentWriteOptions? options)
    {
        var etag = ETags.New();
        var body = DocumentJson.Serialize(value);
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$expires", options?.TimeToLive is { } ttl ? database.NowMilliseconds() + (long)ttl.TotalMilliseconds : (object)DBNull.Value);
        return (etag, Encoding.UTF8.GetByteCount(body));
    }

    private async Task<bool> ExistsAsync(SqliteConnection connection, string partitionKey, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"SELECT 1 FROM documents WHERE type = $type AND pk = $pk AND id = $id AND {Live}", partitionKey, id);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
