using Billing.BuildingBlocks.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// The hand-written migrations are the schema of record: applied to an empty database they must yield
/// exactly the schema EF Core's model describes (tables, columns, types, nullability, keys, indexes,
/// seeded rows) — the guard that replaces the design-time model snapshot.
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

        Assert.True(File.Exists(first.DatabasePath));
        Assert.Equal(7, first.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_\\_%\\_migrations' ESCAPE '\\'"));
        await using var scope = first.Services.CreateAsyncScope();
        foreach (var migrator in scope.ServiceProvider.GetServices<IModuleMigrator>())
        {
            await migrator.MigrateAsync(CancellationToken.None);
        }
    }

    private static async Task<string> SchemaOf(string contextType, Func<DbContext, CancellationToken, Task> create)
    {
        string directory = Path.Combine(Path.GetTempPath(), "billing-schema", Guid.NewGuid().ToString("N"));
        using var factory = new BillingApiFactory();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        Billing.BuildingBlocks.Mediation.MediationRegistration.AddBillingMediation(services, directory);
        Billing.Coupons.CouponsModule.AddCouponsModule(services);
        Billing.Subscriptions.SubscriptionsModule.AddSubscriptionsModule(services);
        Billing.Invoicing.InvoicingModule.AddInvoicingModule(services);
        Billing.Tracking.TrackingModule.AddTrackingModule(services);
        Billing.Payments.PaymentsModule.AddPaymentsModule(services);
        Billing.Webhooks.WebhooksModule.AddWebhooksModule(services);
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(Type.GetType(contextType, throwOnError: true)!);
            await create(context, CancellationToken.None);
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

    private static List<string> Query(SqliteConnection connection, string sql)
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
