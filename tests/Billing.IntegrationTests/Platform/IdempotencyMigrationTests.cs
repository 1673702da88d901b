using Billing.BuildingBlocks.Mediation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 25, item 10: the migration to principal-scoped keys leaves no hash of a token at rest.</summary>
public sealed class IdempotencyMigrationTests
{
    [Fact]
    public async Task Keys_stored_as_a_hash_of_the_authorization_header_are_deleted_and_responses_gain_a_location()
    {
        string directory = Path.Combine(Path.GetTempPath(), "billing-migration", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddBillingMediation(directory);
        await using (var provider = services.BuildServiceProvider())
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(Type.GetType("Billing.BuildingBlocks.Idempotency.PlatformDbContext, Billing.BuildingBlocks", throwOnError: true)!);
            await db.Database.MigrateAsync("20261121160000_InitialPlatformSchema");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO platform_idempotency_keys (Key, RequestHash, Completed, StatusCode, ContentType, Body, CreatedAt)
                VALUES ('0F3A8E5C:key-1', 'HASH', 1, 201, 'application/json', X'7B7D', '2026-11-01 00:00:00');
                """);

            await db.Database.MigrateAsync();

            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM platform_idempotency_keys").SingleAsync());
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM pragma_table_info('platform_idempotency_keys') WHERE name = 'Location'").SingleAsync());
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
