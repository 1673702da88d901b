using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// A PostgreSQL database shared by any number of hosts (issue 19). Each module keeps its tables in a schema of its
/// own, named as its table prefix (<c>coupons</c>, <c>subscriptions</c>, <c>invoicing</c>, <c>tracking</c>,
/// <c>payments</c>, <c>platform</c>); one connection per scope still carries every module's commands, so one request
/// changes several modules in one transaction (R6). Transactions run at READ COMMITTED: the limits are single
/// guarded statements and unique keys, which hold at that level; writers do not queue in the process.
/// </summary>
public sealed class PostgresDatabase(string connectionString) : BillingDatabase, IDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override DbConnection Open() => dataSource.OpenConnection();

    internal override void Configure(DbContextOptionsBuilder options, string module)
    {
        options.UseNpgsql(npgsql => npgsql.MigrationsHistoryTable($"__{module}_migrations", module));
        ConfigureCommon(options, handWrittenMigrations: false);
    }

    internal override DbTransaction Begin(DbConnection connection) => connection.BeginTransaction(IsolationLevel.ReadCommitted);

    /// <summary>
    /// Issue 19: an outbox is claimed by a transaction-scoped advisory lock on a connection of its own, held for the pass:
    /// a second host's dispatcher finds it taken and delivers the other outboxes meanwhile, so no message is delivered
    /// by two hosts at once and a module's events stay in order (row claims with <c>SKIP LOCKED</c> would let the
    /// second host take the next rows and deliver an aggregate's later event before its earlier one). A host that dies
    /// loses its connection and with it the lock; one that hangs is cut off when its claim has been idle for the lease
    /// (<c>idle_in_transaction_session_timeout</c>), and its pass's messages, still pending, go to whoever claims next.
    /// </summary>
    internal override async Task<IAsyncDisposable?> ClaimOutboxAsync(string name, TimeSpan lease, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            await using (var timeout = new NpgsqlCommand($"SET LOCAL idle_in_transaction_session_timeout = {Math.Max(1, (long)lease.TotalMilliseconds)}", connection, transaction))
            {
                await timeout.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var claim = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtext('billing.outbox'), hashtext(@name))", connection, transaction);
            claim.Parameters.AddWithValue("name", name);
            if (await claim.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new OutboxClaim(connection, transaction);
            }

            await transaction.DisposeAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public void Dispose() => dataSource.Dispose();

    /// <summary>Ends a claim: its transaction, and so its lock, ends with the connection (an expired lease ended it already).</summary>
    private sealed class OutboxClaim(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await transaction.DisposeAsync();
            }
            catch (NpgsqlException)
            {
                // The lease expired and the server closed the session: the lock is gone already.
            }

            await connection.DisposeAsync();
        }
    }
}
