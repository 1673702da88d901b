using Billing.BuildingBlocks.Outbox;
using Microsoft.Data.Sqlite;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// One connection per DI scope, shared by every module's DbContext, and the scope's write transaction.
/// A command opens the transaction (BEGIN IMMEDIATE, so concurrent writers queue rather than fail half-way:
/// in this process's write queue first, then on SQLite's lock); commands it sends to other modules join it.
/// </summary>
public sealed class DbSession(SqliteDatabase database, IOutboxSignal outboxSignal) : IDisposable
{
    private SqliteConnection? connection;

    /// <summary>Whether an integration event was queued for an outbox since the last transaction ended.</summary>
    private bool published;

    public SqliteConnection Connection => connection ??= database.Open();

    public SqliteTransaction? Transaction { get; private set; }

    /// <summary>
    /// Notes that an outbox row is being written, so that the transaction's commit wakes the dispatcher. A commit
    /// that wrote none does not: a wake-up costs a pass over every module's outbox (five queries) for nothing.
    /// </summary>
    internal void Published() => published = true;

    /// <summary>
    /// Runs <paramref name="work"/> in the scope's transaction: joins the open one, or begins one and
    /// commits it when <paramref name="commit"/> approves the outcome (rolls back otherwise or on error).
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, Func<T, bool> commit)
    {
        if (Transaction is not null)
        {
            return await work();
        }

        // A writer that waited busy_timeout in the queue goes on to SQLite's own lock, as it did before there was one.
        bool queued = await database.WriteQueue.WaitAsync(SqliteDatabase.BusyTimeout);
        bool committed = false;
        T result;
        try
        {
            Transaction = Connection.BeginTransaction(deferred: false);
            try
            {
                T outcome = await work();
                if (commit(outcome))
                {
                    Transaction.Commit();
                    committed = true;
                    if (published)
                    {
                        outboxSignal.Notify();
                    }
                }
                else
                {
                    Transaction.Rollback();
                }

                result = outcome;
            }
            catch
            {
                Transaction.Rollback();
                throw;
            }
            finally
            {
                Transaction.Dispose();
                Transaction = null;
                published = false;
            }
        }
        finally
        {
            if (queued)
            {
                database.WriteQueue.Release();
            }
        }

        // Durable before the caller goes on (group commit), waited for outside the queue: the next writer is already
        // writing while this one waits for the fsync that covers it.
        if (committed)
        {
            await database.FlushWalAsync();
        }

        return result;
    }

    public Task InTransactionAsync<T>(Func<Task<T>> work) => InTransactionAsync(work, _ => true);

    public Task InTransactionAsync(Func<Task> work) =>
        InTransactionAsync(
            async () =>
            {
                await work();
                return true;
            },
            _ => true);

    public void Dispose()
    {
        Transaction?.Dispose();
        connection?.Dispose();
    }
}
