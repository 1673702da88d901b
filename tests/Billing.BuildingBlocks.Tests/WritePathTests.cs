using System.Collections.Concurrent;
using Billing.BuildingBlocks.Outbox;
using Billing.BuildingBlocks.Persistence;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Billing.BuildingBlocks.Tests;

/// <summary>
/// The write path of the README's "How a write reaches disk" (issue 22 item 1): writers queue in arrival order, and a
/// writer's answer waits for the fsync that makes its commit durable (group commit).
/// </summary>
public sealed class WritePathTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly string directory = Path.Combine(Path.GetTempPath(), "billing-write-path", Guid.NewGuid().ToString("N"));
    private readonly SqliteDatabase database;

    public WritePathTests()
    {
        database = new SqliteDatabase(directory);
        using var connection = database.Open();
        Execute(connection, null, "CREATE TABLE writes (writer INTEGER NOT NULL)");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_writer_is_answered_only_after_the_fsync_that_covers_its_commit()
    {
        using var fsyncEntered = new SemaphoreSlim(0);
        using var fsyncMayEnd = new ManualResetEventSlim();
        database.FlushToDisk = wal =>
        {
            fsyncEntered.Release();
            fsyncMayEnd.Wait(Patience);
            wal.Flush(flushToDisk: true);
        };
        using var session = new DbSession(database, new NoOutbox());

        var write = session.InTransactionAsync(() => Insert(session, writer: 1));

        Assert.True(await fsyncEntered.WaitAsync(Patience), "the commit was never followed by an fsync");
        Assert.Equal(1, CommittedWrites());
        Assert.False(write.IsCompleted, "the writer was answered while its commit's fsync was still running");
        fsyncMayEnd.Set();
        await write.WaitAsync(Patience);
    }

    [Fact]
    public async Task Writers_waiting_for_the_write_queue_get_it_in_the_order_they_arrived()
    {
        var order = new ConcurrentQueue<int>();
        var holderMayCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var holder = new DbSession(database, new NoOutbox());
        var held = holder.InTransactionAsync(async () =>
        {
            await holderMayCommit.Task;
            return await Insert(holder, writer: 0);
        });

        var sessions = Enumerable.Range(1, 12).Select(_ => new DbSession(database, new NoOutbox())).ToList();
        var writers = new List<Task>();
        foreach (var (session, writer) in sessions.Select((session, index) => (session, index + 1)))
        {
            // Each call returns once its writer waits in the queue (the queue is held), so they queue in this order.
            writers.Add(session.InTransactionAsync(async () =>
            {
                order.Enqueue(writer);
                return await Insert(session, writer);
            }));
            Assert.False(writers[^1].IsCompleted);
        }

        holderMayCommit.SetResult();
        await held.WaitAsync(Patience);
        await Task.WhenAll(writers).WaitAsync(Patience);
        sessions.ForEach(session => session.Dispose());

        Assert.Equal(Enumerable.Range(1, 12), order);
        Assert.Equal(13, CommittedWrites());
    }

    private static Task<bool> Insert(DbSession session, int writer)
    {
        Execute(session.Connection, session.Transaction, $"INSERT INTO writes (writer) VALUES ({writer})");
        return Task.FromResult(true);
    }

    private long CommittedWrites()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM writes";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class NoOutbox : IOutboxSignal
    {
        public void Notify()
        {
        }
    }
}
