using Microsoft.Data.Sqlite;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// The embedded SQLite database file of the application. All modules keep their tables in it, each
/// under its own table prefix, so that one request can change several modules in one transaction
/// (R6: a signup and its coupon redemptions commit together or not at all).
/// </summary>
public sealed class SqliteDatabase
{
    public SqliteDatabase(string dataDirectory, string fileName = "billing.db")
    {
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.GetFullPath(Path.Combine(dataDirectory, fileName));
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    /// <summary>How long a writer waits for SQLite's write lock (busy_timeout) before the write fails.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// The queue of this process's write transactions, in arrival order. SQLite has one writer at a time; a writer
    /// that finds the lock taken sleeps in its busy handler (1, 2, 5, 10 … 100 ms) and retries, so under load the lock
    /// sits idle while queued writers sleep, and the unlucky ones wait hundreds of milliseconds. Queued here instead,
    /// each writer takes the lock the moment the previous one commits. Other processes on the file, and writes
    /// outside a transaction, still queue on busy_timeout.
    /// </summary>
    internal SemaphoreSlim WriteQueue { get; } = new(1, 1);

    /// <summary>An open connection with the per-connection settings every writer needs.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        // busy_timeout: writers queue inside SQLite instead of failing with SQLITE_BUSY.
        // synchronous=FULL: a committed money-carrying write survives a power cut, not only a crash.
        Execute(connection, $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=16384;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
