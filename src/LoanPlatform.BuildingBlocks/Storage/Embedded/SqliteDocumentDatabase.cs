using Microsoft.Data.Sqlite;

namespace LoanPlatform.BuildingBlocks.Storage.Embedded;

/// <summary>
/// One SQLite file per service holding every document type in a single table. Connections are pooled by
/// Microsoft.Data.Sqlite; WAL lets readers run beside the single writer, and busy writers wait rather than fail;
/// commits are synced to disk at checkpoints (synchronous = NORMAL, see <see cref="OpenRawAsync"/>).
/// </summary>
internal sealed class SqliteDocumentDatabase : IDocumentStoreBackend
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    private readonly string connectionString;
    private readonly Lazy<Task> schema;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> fieldIndexes = new(StringComparer.Ordinal);
    private long nextPurgeTicks;

    public SqliteDocumentDatabase(string path, TimeProvider timeProvider)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        TimeProvider = timeProvider;
        schema = new Lazy<Task>(CreateSchemaAsync);
    }

    public TimeProvider TimeProvider { get; }

    public IDocumentStore<T> CreateStore<T>(string documentType) where T : class =>
        new SqliteDocumentStore<T>(this, DocumentNames.DocumentType(documentType));

    public Task InitializeAsync(CancellationToken cancellationToken) => schema.Value.WaitAsync(cancellationToken);

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM documents WHERE 0";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await schema.Value.WaitAsync(cancellationToken);
        return await OpenRawAsync(cancellationToken);
    }

    public long NowMilliseconds() => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Indexes a body field the first time a query filters on it, as Cosmos DB indexes every path: without it each such
    /// query (the sweeper's, the audit trail's once-per-event check) scans every document of the type, and slows as data grows.
    /// </summary>
    /// <param name="field">A checked field name (<see cref="DocumentNames.FieldName"/>), safe to place in SQL.</param>
    public Task EnsureFieldIndexAsync(string field) =>
        fieldIndexes.GetOrAdd(field, name => new Lazy<Task>(() => CreateFieldIndexAsync(name))).Value;

    /// <summary>Expired rows are already invisible; deleting them now and then only keeps the file from growing.</summary>
    public async Task PurgeExpiredIfDueAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var now = TimeProvider.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref nextPurgeTicks);
        if (now < due || Interlocked.CompareExchange(ref nextPurgeTicks, now + PurgeInterval.Ticks, due) != due)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM documents WHERE expires_at <= $now";
        command.Parameters.AddWithValue("$now", NowMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // A per-connection setting, so set on every open (a pooled connection keeps it; setting it again costs no I/O).
        // In WAL mode NORMAL syncs at checkpoints instead of at every commit: a killed process loses nothing committed
        // (the WAL is in the OS's hands once the commit returns) and the file is never corrupted; only a power cut or an
        // OS crash can roll back the last commits, which the local platform accepts (Cosmos DB in Azure has its own).
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task CreateFieldIndexAsync(string field)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        // The expression must read exactly as in the queries' WHERE for SQLite to use the index.
        command.CommandText = FormattableString.Invariant($"CREATE INDEX IF NOT EXISTS documents_by_{field} ON documents (type, json_extract(body, '$.{field}'))");
        await command.ExecuteNonQueryAsync();
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS documents (
                type TEXT NOT NULL,
                pk TEXT NOT NULL,
                id TEXT NOT NULL,
                body TEXT NOT NULL,
                etag TEXT NOT NULL,
                expires_at INTEGER NULL,
                PRIMARY KEY (type, pk, id)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS documents_expiry ON documents (expires_at) WHERE expires_at IS NOT NULL;
            """;
        await command.ExecuteNonQueryAsync();
    }
}
