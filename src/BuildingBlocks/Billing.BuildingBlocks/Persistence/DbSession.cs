using System.Data.Common;
using Billing.BuildingBlocks.Outbox;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// One connection per DI scope, shared by every module's DbContext, and the scope's write transaction.
/// A command opens the transaction (on SQLite BEGIN IMMEDIATE, so concurrent writers queue rather than fail half-way:
/// in this process's write queue first, then on SQLite's lock; on PostgreSQL at READ COMMITTED); commands it sends to
/// other modules join it.
/// </summary>
public sealed class DbSession(BillingDatabase database, IOutboxSignal outboxSignal) : IDisposable
{
    private DbConnection? connection;

    /// <summary>Whether an integration event was queued for an outbox since the last transaction ended.</summary>
    private bool published;

    /// <summary>Whether the next approved transaction is held open (<see cref="HoldNextCommit"/>).</summary>
    private bool holdNext;

    /// <summary>Set while an approved transaction is held open: whether it holds the write queue.</summary>
    private bool? heldQueue;

    public DbConnection Connection => connection ??= database.Open();

    public DbTransaction? Transaction { get; private set; }

    /// <summary>The engine of the session's database.</summary>
    public DatabaseProvider Provider => database.Provider;

    /// <summary>
    /// A raw command on the session's connection, in its open transaction (if any), with its parameters bound by name
    /// (null as <see cref="DBNull"/>): for the few statements that bypass EF Core on purpose.
    /// </summary>
    public DbCommand Command(string text, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>
    /// Notes that an outbox row is being written, so that the transaction's commit wakes the dispatcher. A commit
    /// that wrote none does not: a wake-up costs a pass over every module's outbox (five queries) for nothing.
    /// </summary>
    internal void Published() => published = true;

    /// <summary>
    /// Runs <paramref name="work"/> in the scope's transaction: joins the open one, or begins one and
    /// commits it when <paramref name="commit"/> approves the outcome (rolls back otherwise or on error).
    /// After <see cref="HoldNextCommit"/>, an approved transaction stays open instead, until
    /// <see cref="CommitHeldAsync"/> or <see cref="RollBackHeld"/>.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, Func<T, bool> commit)
    {
        if (heldQueue is not null)
        {
            // A second transaction in one held request: the first commits on its own, as it would without the hold.
            await CommitHeldAsync(_ => Task.CompletedTask);
        }

        if (Transaction is not null)
        {
            return await work();
        }

        bool queued = await database.EnterWriteAsync();
        T outcome;
        try
        {
            Transaction = database.Begin(Connection);
            outcome = await work();
        }
        catch
        {
            End(queued, commit: false);
            throw;
        }

        bool approved = commit(outcome);
        if (approved && holdNext)
        {
            holdNext = false;
            heldQueue = queued;
            return outcome;
        }

        End(queued, approved);

        // Durable before the caller goes on (group commit), waited for outside the queue: the next writer is already
        // writing while this one waits for the fsync that covers it.
        if (approved)
        {
            await database.FlushAsync();
        }

        return outcome;
    }

    /// <summary>
    /// Holds the commit of the scope's next approved transaction: it stays open, with the write queue, until
    /// <see cref="CommitHeldAsync"/> commits it together with what its caller adds (an idempotent request's stored
    /// response, so that a crash leaves both or neither) or <see cref="RollBackHeld"/> undoes it.
    /// </summary>
    public void HoldNextCommit() => holdNext = true;

    /// <summary>Whether an approved transaction waits for <see cref="CommitHeldAsync"/>.</summary>
    public bool HasHeldCommit => heldQueue is not null;

    /// <summary>Writes <paramref name="alsoWrite"/> into the held transaction, commits both and waits until they are durable.</summary>
    public async Task CommitHeldAsync(Func<DbTransaction, Task> alsoWrite)
    {
        holdNext = false;
        bool queued = heldQueue ?? throw new InvalidOperationException("No transaction is held.");
        heldQueue = null;
        try
        {
            await alsoWrite(Transaction!);
        }
        catch
        {
            End(queued, commit: false);
            throw;
        }

        End(queued, commit: true);
        await database.FlushAsync();
    }

    /// <summary>Undoes the held transaction, if any (its request ended in an answer not worth keeping), and ends the hold.</summary>
    public void RollBackHeld()
    {
        holdNext = false;
        if (heldQueue is { } queued)
        {
            heldQueue = null;
            End(queued, commit: false);
        }
    }

    /// <summary>Commits or rolls back the open transaction, then lets the next writer in.</summary>
    private void End(bool queued, bool commit)
    {
        try
        {
            if (commit)
            {
                Transaction!.Commit();
                if (published)
                {
                    outboxSignal.Notify();
                }
            }
            else
            {
                Transaction?.Rollback();
            }
        }
        catch when (commit)
        {
            RollBackAfterFailedCommit();
            throw;
        }
        finally
        {
            Transaction?.Dispose();
            Transaction = null;
            published = false;
            if (queued)
            {
                database.LeaveWrite();
            }
        }
    }

    /// <summary>A failed COMMIT (a full disk, an I/O error) may have rolled back already; the commit's error is the one that counts.</summary>
    private void RollBackAfterFailedCommit()
    {
        try
        {
            Transaction!.Rollback();
        }
        catch (DbException)
        {
            // The database ended the transaction itself when the commit failed.
        }
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
        RollBackHeld();
        Transaction?.Dispose();
        connection?.Dispose();
    }
}
