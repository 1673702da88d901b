using Billing.BuildingBlocks.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// The migrations are the schema of record: applied to an empty database they must yield exactly the schema EF Core's
/// model describes (tables, columns, types, nullability, keys, indexes, seeded rows). On SQLite, whose migrations are
/// hand-written, this is the guard that replaces the design-time model snapshot; on PostgreSQL (issue 19) it proves the
/// generated migrations were regenerated after the last model change.
/// </summary>
public sealed class MigrationSchemaTests
{
    public static TheoryData<string> Contexts => new()
    {
        "Billing.Coupons.Infrastructure.CouponsDbContext, Billing.Coupons",
        "Billing.Subscriptions.Infrastructure.SubscriptionsDbContext, Billing.Subscriptions",
        "Billing.Invoicing.Infrastructure.InvoicingDbContext, Billing.Invoicing",
        "Billing.Tracking.Infrastructure.TrackingDbContext, Billing.Tracking",
        "Billing.Payments.Infrastructure.PaymentsDbContext, Billing.Payments",
        "Billing.Webhooks.Infrastructure.WebhooksDbContext, Billing.Webhooks",
        "Billing.BuildingBlocks.Idempotency.PlatformDbContext, Billing.BuildingBlocks",
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public async Task Migrating_an_empty_database_yields_exactly_the_model_s_schema(string contextType)
    {
        string migrated = await SchemaOf(contextType, (context, ct) => context.Database.MigrateAsync(ct));
        string modelled = await SchemaOf(contextType, async (context, ct) => await context.Database.EnsureCreatedAsync(ct));

        Assert.Equal(modelled, migrated);
        Assert.Contains("TABLE", migrated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_migrates_a_new_database_on_start_and_again_without_error()
    {
        using var first = new BillingApiFactory();
        _ = first.Services;
        using var second = new BillingApiFactory();

        Assert.Equal(7, TestDatabase.OnPostgres
            ? first.Scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE '\\_\\_%\\_migrations'")
            : first.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_\\_%\\_migrations' ESCAPE '\\'"));
        await using var scope = first.Services.CreateAsyncScope();
        foreach (var migrator in scope.ServiceProvider.GetServices<IModuleMigrator>())
        {
            await migrator.MigrateAsync(CancellationToken.None);
        }
    }

    private static async Task<string> SchemaOf(string contextType, Func<DbContext, CancellationToken, Task> create)
    {
        string directory = Path.Combine(Path.GetTempPath(), "billing-schema", Guid.NewGuid().ToString("N"));
        string? postgres = TestDatabase.OnPostgres ? TestDatabase.CreatePostgres() : null;
        using var database = postgres is null ? null : new PostgresDatabase(postgres);
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        if (database is null)
        {
            Billing.BuildingBlocks.Mediation.MediationRegistration.AddBillingMediation(services, directory);
        }
        else
        {
            Billing.BuildingBlocks.Mediation.MediationRegistration.AddBillingMediation(services, database);
        }

        Billing.Coupons.CouponsModule.AddCouponsModule(services);
        Billing.Subscriptions.SubscriptionsModule.AddSubscriptionsModule(services);
        Billing.Invoicing.InvoicingModule.AddInvoicingModule(services);
        Billing.Tracking.TrackingModule.AddTrackingModule(services);
        Billing.Payments.PaymentsModule.AddPaymentsModule(services);
        Billing.Webhooks.WebhooksModule.AddWebhooksModule(services);
        await using var provider = services.BuildServiceProvider();
        string module;
        await using (var scope = provider.CreateAsyncScope())
        {
            var context = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(Type.GetType(contextType, throwOnError: true)!);
            module = context.TablePrefix;
            await create(context, CancellationToken.None);
        }

        if (postgres is not null)
        {
            string described = DescribePostgres(postgres, module);
            TestDatabase.DropPostgres(postgres);
            return described;
        }

        string schema = Describe(Path.Combine(directory, "billing.db"));
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return schema;
    }

    /// <summary>A normalized description of a SQLite schema, independent of column and statement order.</summary>
    private static string Describe(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        var lines = new List<string>();
        foreach (string table in Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\'"))
        {
            lines.AddRange(Query(connection, $"SELECT 'TABLE {table} column ' || name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk || ' default=' || IFNULL(dflt_value, '') FROM pragma_table_info('{table}')"));
            lines.AddRange(Query(connection, $"SELECT 'TABLE {table} index ' || il.name || ' unique=' || il.\"unique\" || ' partial=' || il.partial || ' on ' || (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii) FROM pragma_index_list('{table}') il"));
            lines.AddRange(Query(connection, $"SELECT 'TABLE {table} fk ' || \"from\" || '->' || \"table\" || '.' || \"to\" FROM pragma_foreign_key_list('{table}')"));
            lines.AddRange(Query(connection, $"SELECT 'TABLE {table} rows ' || COUNT(*) FROM \"{table}\""));
        }

        lines.AddRange(Query(connection, "SELECT 'INDEX ' || name || ' ' || REPLACE(REPLACE(sql, char(10), ' '), '  ', ' ') FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>A normalized description of a module's PostgreSQL schema (its migrations history table left out).</summary>
    private static string DescribePostgres(string connectionString, string schema)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        var lines = new List<string>();
        lines.AddRange(Query(connection, $"""
            SELECT 'TABLE ' || table_name || ' column ' || column_name || ' ' || data_type || ' nullable=' || is_nullable || ' default=' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name NOT LIKE '\_\_%'
            """));
        lines.AddRange(Query(connection, $"SELECT 'INDEX ' || indexdef FROM pg_indexes WHERE schemaname = '{schema}' AND tablename NOT LIKE '\\_\\_%'"));
        lines.AddRange(Query(connection, $"""
            SELECT 'CONSTRAINT ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
            FROM pg_constraint c WHERE c.connamespace = '{schema}'::regnamespace AND c.conrelid::regclass::text NOT LIKE '%.\_\_%'
            """));
        foreach (string table in Query(connection, $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}' AND table_name NOT LIKE '\\_\\_%'"))
        {
            lines.AddRange(Query(connection, $"SELECT 'TABLE {table} rows ' || COUNT(*) FROM \"{schema}\".\"{table}\""));
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static List<string> Query(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
