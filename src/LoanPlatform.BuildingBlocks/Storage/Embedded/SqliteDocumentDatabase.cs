using Microsoft.Data.Sqlite;

namespace LoanPlatform.BuildingBlocks.Storage.Embedded;

/// <summary>
/// One SQLite file per service holding every document type in a single table. Open connections are pooled here as
/// sessions that keep their prepared statements (<see cref="SqliteSession"/>); WAL lets readers run beside the single
/// writer, and busy writers wait rather than fail; commits are synced to disk at checkpoints (synchronous = NORMAL, see
/// <see cref="OpenRawAsync"/>).
/// </summary>
internal sealed class SqliteDocumentDatabase : IDocumentStoreBackend, IDisposable
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    // How long a statement waits for a locked file: Microsoft.Data.Sqlite's command timeout and SQLite's busy handler alike.
    private const int LockWaitSeconds = 30;

    // How much of the file is read through a memory map (address space, not memory: the OS shares the pages).
    private const long MemoryMapBytes = 256L * 1024 * 1024;

    // Sessions kept idle beyond the calls in flight; a burst opens more, and the surplus is closed on return.
    private const int MaxIdleSessions = 32;

    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteSession> idle = [];

    // SQLite takes one writer at a time per file; writers of this process queue here without holding a thread.
    private readonly SemaphoreSlim writeTurn = new(1, 1);
    private volatile bool disposed;

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
            DefaultTimeout = LockWaitSeconds,
        }.ToString();
        TimeProvider = timeProvider;
        schema = new Lazy<Task>(CreateSchemaAsync);
    }

    public TimeProvider TimeProvider { get; }

    public IDocumentStore<T> CreateStore<T>(string documentType) where T : class =>
        new SqliteDocumentStore<T>(this, DocumentNames.DocumentType(documentType));

    public Task InitializeAsync(CancellationToken cancellationToken) => schema.Value.WaitAsync(cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) =>
        RunAsync(session => session.Command("SELECT count(*) FROM documents WHERE 0").ExecuteScalarAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled session. A session that saw an error is closed rather than pooled, so
    /// no statement is reused in an unknown state: <paramref name="work"/> reports expected outcomes (a conflict, a
    /// missing document) as results and leaves throwing to its caller.
    /// </summary>
    public async Task<TResult> RunAsync<TResult>(Func<SqliteSession, Task<TResult>> work, CancellationToken cancellationToken)
    {
        var session = await RentAsync(cancellationToken);
        TResult result;
        try
        {
            result = await work(session);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        Return(session);
        return result;
    }

    /// <summary>As <see cref="RunAsync{TResult}"/>, for a write: in this process's turn for the file's one writer.</summary>
    public async Task<TResult> RunWriteAsync<TResult>(Func<SqliteSession, Task<TResult>> work, CancellationToken cancellationToken)
    {
        await writeTurn.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(work, cancellationToken);
        }
        finally
        {
            writeTurn.Release();
        }
    }

    public async Task<SqliteSession> RentAsync(CancellationToken cancellationToken)
    {
        await schema.Value.WaitAsync(cancellationToken);
        return idle.TryTake(out var session) ? session : new SqliteSession(await OpenRawAsync(cancellationToken));
    }

    public void Return(SqliteSession session)
    {
        if (disposed || idle.Count >= MaxIdleSessions)
        {
            session.Dispose();
            return;
        }

        idle.Add(session);
        if (disposed && idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var session))
        {
            session.Dispose();
        }
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
    public async Task PurgeExpiredIfDueAsync(SqliteSession session, CancellationToken cancellationToken)
    {
        var now = TimeProvider.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref nextPurgeTicks);
        if (now < due || Interlocked.CompareExchange(ref nextPurgeTicks, now + PurgeInterval.Ticks, due) != due)
        {
            return;
        }

        var command = session.Command("DELETE FROM documents WHERE expires_at <= $now");
        command.Parameters.AddWithValue("$now", NowMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // A per-connection setting, so set when a session opens its connection.
        // In WAL mode NORMAL syncs at checkpoints instead of at every commit: a killed process loses nothing committed
        // (the WAL is in the OS's hands once the commit returns) and the file is never corrupted; only a power cut or an
        // OS crash can roll back the last commits, which the local platform accepts (Cosmos DB in Azure has its own).
        // busy_timeout: a writer that finds the file locked (by another process, or another database object on the same
        // file, as the services' audit trails are locally) is retried by SQLite itself within a millisecond or two.
        // Without it Microsoft.Data.Sqlite retries, after blocking its thread for 150 ms each time: the lifecycle load
        // test spent a tenth of its threads' time in that sleep (docs/performance.md).
        // mmap_size: pages of the file are read from a shared memory map instead of a read call each. Every write of another
        // session makes this one's page cache stale, so on a platform's busy file reads come from the OS nearly every
        // time; mapped, a point read takes about half as long (DocumentStoreBenchmarks). Only reads are mapped; writes
        // still go through the WAL as before.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = FormattableString.Invariant($"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {LockWaitSeconds * 1000}; PRAGMA mmap_size = {MemoryMapBytes}");
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task CreateFieldIndexAsync(string field)
    {
        await schema.Value;
        await using var connection = await OpenRawAsync(CancellationToken.None);
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
