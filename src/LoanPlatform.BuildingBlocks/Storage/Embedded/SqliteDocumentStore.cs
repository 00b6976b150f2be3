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
        var found = await database.RunAsync(
            async session =>
            {
                var command = Command(session, $"SELECT body, etag FROM documents WHERE type = $type AND pk = $pk AND id = $id AND {Live}", partitionKey, id);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? (Body: reader.GetString(0), ETag: reader.GetString(1)) : ((string Body, string ETag)?)null;
            },
            cancellationToken);
        if (found is not { } row)
        {
            DocumentStoreMetrics.Record(DocumentStoreMetrics.ReadMissing, documentType, 0);
            return null;
        }

        DocumentStoreMetrics.Record(DocumentStoreMetrics.Read, documentType, Encoding.UTF8.GetByteCount(row.Body));
        return new StoredDocument<T>(partitionKey, id, DocumentJson.Deserialize<T>(row.Body), row.ETag);
    }

    public async Task<StoredDocument<T>> CreateAsync(string partitionKey, string id, T value, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (body, etag) = Serialize(value);
        var created = await database.RunWriteAsync(
            async session =>
            {
                await database.PurgeExpiredIfDueAsync(session, cancellationToken);

                // An expired row still holds the key until it is purged, so the insert may take its place, but only then.
                var command = Command(session, """
                    INSERT INTO documents (type, pk, id, body, etag, expires_at) VALUES ($type, $pk, $id, $body, $etag, $expires)
                    ON CONFLICT (type, pk, id) DO UPDATE SET body = excluded.body, etag = excluded.etag, expires_at = excluded.expires_at
                    WHERE documents.expires_at <= $now
                    """, partitionKey, id);
                AddBody(command, body, etag, options);
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);
        if (!created)
        {
            DocumentStoreMetrics.Record(DocumentStoreMetrics.Refused, documentType, 0);
            throw new DocumentConflictException(id);
        }

        DocumentStoreMetrics.Record(DocumentStoreMetrics.Create, documentType, Encoding.UTF8.GetByteCount(body));
        return new StoredDocument<T>(partitionKey, id, value, etag);
    }

    public async Task<StoredDocument<T>> ReplaceAsync(string partitionKey, string id, T value, string ifMatchETag, DocumentWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (body, etag) = Serialize(value);
        var (replaced, exists) = await database.RunWriteAsync(
            async session =>
            {
                var command = Command(session, $"""
                    UPDATE documents SET body = $body, etag = $etag, expires_at = $expires
                    WHERE type = $type AND pk = $pk AND id = $id AND etag = $ifMatch AND {Live}
                    """, partitionKey, id);
                command.Parameters.AddWithValue("$ifMatch", ifMatchETag);
                AddBody(command, body, etag, options);
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1
                    ? (true, true)
                    : (false, await ExistsAsync(session, partitionKey, id, cancellationToken));
            },
            cancellationToken);
        if (replaced)
        {
            DocumentStoreMetrics.Record(DocumentStoreMetrics.Replace, documentType, Encoding.UTF8.GetByteCount(body));
            return new StoredDocument<T>(partitionKey, id, value, etag);
        }

        DocumentStoreMetrics.Record(DocumentStoreMetrics.Refused, documentType, 0);
        throw exists ? new DocumentPreconditionFailedException(id) : new DocumentNotFoundException(id);
    }

    public async Task<bool> DeleteAsync(string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        var (deleted, exists) = await database.RunWriteAsync(
            async session =>
            {
                var command = Command(session, $"""
                    DELETE FROM documents
                    WHERE type = $type AND pk = $pk AND id = $id AND ($ifMatch IS NULL OR etag = $ifMatch) AND {Live}
                    """, partitionKey, id);
                command.Parameters.AddWithValue("$ifMatch", (object?)ifMatchETag ?? DBNull.Value);
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1
                    ? (true, true)
                    : (false, ifMatchETag is not null && await ExistsAsync(session, partitionKey, id, cancellationToken));
            },
            cancellationToken);
        DocumentStoreMetrics.Record(deleted ? DocumentStoreMetrics.Delete : DocumentStoreMetrics.Refused, documentType, 0);
        return deleted || (exists ? throw new DocumentPreconditionFailedException(id) : false);
    }

    public async IAsyncEnumerable<StoredDocument<T>> QueryAsync(DocumentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var filter in query.Filters)
        {
            await database.EnsureFieldIndexAsync(DocumentNames.FieldName(filter.Field)).WaitAsync(cancellationToken);
        }

        var sql = new StringBuilder($"SELECT pk, id, body, etag FROM documents WHERE type = $type AND {Live}");
        var parameters = new List<(string Name, object? Value)> { ("$type", documentType), ("$now", database.NowMilliseconds()) };
        if (query.PartitionKey is not null)
        {
            sql.Append(" AND pk = $pk");
            parameters.Add(("$pk", query.PartitionKey));
        }

        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            sql.Append(FormattableString.Invariant($" AND json_extract(body, '$.{DocumentNames.FieldName(filter.Field)}') = $p{i}"));

            parameters.Add(($"$p{i}", ParameterOf(filter.Value)));
        }

        for (var i = 0; i < query.Contains.Count; i++)
        {
            var filter = query.Contains[i];
            sql.Append(FormattableString.Invariant($" AND EXISTS (SELECT 1 FROM json_each(body, '$.{DocumentNames.FieldName(filter.Field)}') WHERE value = $c{i})"));
            parameters.Add(($"$c{i}", ParameterOf(filter.Value)));
        }

        sql.Append(" ORDER BY pk, id");
        if (query.MaxItems is { } max)
        {
            sql.Append(" LIMIT $max");
            parameters.Add(("$max", max));
        }

        var session = await database.RentAsync(cancellationToken);
        SqliteDataReader? reader = null;
        long bytes = 0;
        // Set around each call into SQLite: a session whose call failed is closed, not pooled (see RunAsync).
        var healthy = false;
        try
        {
            var command = session.Command(sql.ToString());
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            reader = await command.ExecuteReaderAsync(cancellationToken);
            while (true)
            {
                healthy = false;
                if (!await reader.ReadAsync(cancellationToken))
                {
                    healthy = true;
                    break;
                }

                var body = reader.GetString(2);
                var document = new StoredDocument<T>(reader.GetString(0), reader.GetString(1), DocumentJson.Deserialize<T>(body), reader.GetString(3));
                healthy = true;
                bytes += Encoding.UTF8.GetByteCount(body);
                yield return document;
            }
        }
        finally
        {
            if (reader is not null)
            {
                await reader.DisposeAsync();
            }

            if (healthy)
            {
                database.Return(session);
            }
            else
            {
                session.Dispose();
            }

            // Once per query, also when the caller stops early (what was read so far is what was paid for).
            DocumentStoreMetrics.Record(DocumentStoreMetrics.Query, documentType, bytes, DocumentStoreMetrics.ScopeOf(query));
        }
    }

    private SqliteCommand Command(SqliteSession session, string sql, string partitionKey, string id)
    {
        var command = session.Command(sql);
        command.Parameters.AddWithValue("$type", documentType);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", database.NowMilliseconds());
        return command;
    }

    // json_extract and json_each yield 1/0 for JSON booleans.
    private static object ParameterOf(object value) => DocumentJson.ToScalar(value) switch
    {
        bool flag => flag ? 1 : 0,
        var scalar => scalar,
    };

    private static (string Body, string ETag) Serialize(T value) => (DocumentJson.Serialize(value), ETags.New());

    private void AddBody(SqliteCommand command, string body, string etag, DocumentWriteOptions? options)
    {
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$expires", options?.TimeToLive is { } ttl ? database.NowMilliseconds() + (long)ttl.TotalMilliseconds : (object)DBNull.Value);
    }

    private async Task<bool> ExistsAsync(SqliteSession session, string partitionKey, string id, CancellationToken cancellationToken)
    {
        var command = Command(session, $"SELECT 1 FROM documents WHERE type = $type AND pk = $pk AND id = $id AND {Live}", partitionKey, id);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
