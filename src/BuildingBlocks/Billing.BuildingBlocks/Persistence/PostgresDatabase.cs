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

    public void Dispose() => dataSource.Dispose();
}
