using Microsoft.Data.Sqlite;

namespace LoanPlatform.BuildingBlocks.Storage.Embedded;

/// <summary>
/// One open connection of the database's own pool with the statements it has prepared: a store call rents a session,
/// takes its commands by SQL text (compiled once per connection, only the parameters are bound again) and hands it back.
/// The connection's settings (<c>PRAGMA synchronous</c>) are applied once, when it opens.
/// </summary>
internal sealed class SqliteSession(SqliteConnection connection) : IDisposable
{
    // The store's statements are a handful of fixed texts plus one per query shape; past this something generates SQL
    // freely, and the cache starts over rather than growing.
    private const int MaxPreparedCommands = 64;

    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    /// <summary>The prepared command for <paramref name="sql"/>, its parameters cleared for this call's values.</summary>
    public SqliteCommand Command(string sql)
    {
        if (commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        if (commands.Count == MaxPreparedCommands)
        {
            DisposeCommands();
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        commands.Add(sql, command);
        return command;
    }

    public void Dispose()
    {
        DisposeCommands();
        connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
    }
}
