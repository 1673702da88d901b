using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// The embedded SQLite database file of the application. All modules keep their tables in it, each
/// under its own table prefix, so that one request can change several modules in one transaction
/// (R6: a signup and its coupon redemptions commit together or not at all).
/// </summary>
public sealed class SqliteDatabase : BillingDatabase
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

    /// <summary>SQLITE_CONSTRAINT: the primary result code of a unique (or other constraint) violation.</summary>
    internal const int ConstraintError = 19;

    /// <summary>SQLITE_READONLY, SQLITE_IOERR and SQLITE_FULL: the storage refused a write (a read-only file, a failing or full disk).</summary>
    internal const int ReadOnlyError = 8;

    /// <inheritdoc cref="ReadOnlyError"/>
    internal const int IoError = 10;

    /// <inheritdoc cref="ReadOnlyError"/>
    internal const int FullError = 13;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

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

    /// <summary>The fsync of an open WAL file; tests replace it to observe what waits for it.</summary>
    internal Action<FileStream> FlushToDisk { get; set; } = static wal => wal.Flush(flushToDisk: true);

    private readonly Lock flushGate = new();
    private TaskCompletionSource? nextFlush;
    private bool flushing;

    /// <summary>An open connection with the per-connection settings every writer needs.</summary>
    public override DbConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        // busy_timeout: writers queue inside SQLite instead of failing with SQLITE_BUSY.
        // synchronous=NORMAL: a commit writes the WAL without fsync; DbSession then waits for FlushWalAsync (group
        // commit) before the caller goes on, so nothing is answered before it is on disk, as with FULL.
        // wal_autocheckpoint: a checkpoint every 64 MiB of WAL (not 4 MiB), so a bill-run batch of ~1,000 pages does
        // not copy the WAL back into the database and fsync it at nearly every commit.
        Execute(connection, $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=16384;");
        return connection;
    }

    internal override void Configure(DbContextOptionsBuilder options, string module)
    {
        options.UseSqlite(sqlite => sqlite.MigrationsHistoryTable($"__{module}_migrations"));
        ConfigureCommon(options, handWrittenMigrations: true);
    }

    /// <summary>BEGIN IMMEDIATE, so concurrent writers queue rather than fail half-way.</summary>
    internal override DbTransaction Begin(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    /// <summary>A writer that waited busy_timeout in the queue goes on to SQLite's own lock, as it did before there was one.</summary>
    internal override Task<bool> EnterWriteAsync() => WriteQueue.WaitAsync(BusyTimeout);

    internal override void LeaveWrite() => WriteQueue.Release();

    internal override Task FlushAsync() => FlushWalAsync();

    /// <summary>
    /// Group commit: makes every transaction committed before the call durable, with one fsync of the WAL shared by
    /// all the writers that committed meanwhile (SQLite's synchronous=FULL fsyncs once per commit, and the one writer
    /// holds the lock through it). A writer calls this after its commit, outside the write queue, and answers only when
    /// it completes. WAL frames are appended in commit order, so a durable commit implies every earlier one is too, and
    /// a power cut loses only commits nobody was told about. Runs one fsync at a time; callers arriving during one wait
    /// for the next.
    /// </summary>
    public Task FlushWalAsync()
    {
        lock (flushGate)
        {
            nextFlush ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiter = nextFlush.Task;
            if (!flushing)
            {
                flushing = true;
                _ = Task.Run(FlushLoop);
            }

            return waiter;
        }
    }

    private void FlushLoop()
    {
        while (true)
        {
            TaskCompletionSource round;
            lock (flushGate)
            {
                if (nextFlush is null)
                {
                    flushing = false;
                    return;
                }

                round = nextFlush;
                nextFlush = null;
            }

            try
            {
                FsyncWal();
                round.SetResult();
            }
            catch (Exception exception)
            {
                round.SetException(exception);
            }
        }
    }

    /// <summary>fsync of the WAL file (through a descriptor of our own: fsync flushes the file, whoever wrote it).</summary>
    private void FsyncWal()
    {
        FileStream wal;
        try
        {
            wal = new FileStream(FilePath + "-wal", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            // No WAL: the last connection closed and SQLite checkpointed it into the database, fsync included.
            return;
        }

        using (wal)
        {
            FlushToDisk(wal);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
