using Billing.BuildingBlocks.Mediation;
using Billing.Tracking;
using Billing.Tracking.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>The ledger migration keeps what the walking skeleton recorded, amounts exactly (T3, M1).</summary>
public sealed class TrackingMigrationTests
{
    [Fact]
    public async Task Conversions_recorded_under_the_first_schema_keep_their_amounts_exactly_through_the_ledger_migration()
    {
        string directory = Path.Combine(Path.GetTempPath(), "billing-migration", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddBillingMediation(directory);
        services.AddTrackingModule();
        await using (var provider = services.BuildServiceProvider())
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            await db.Database.MigrateAsync("20261121000000_InitialTrackingSchema");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO tracking_conversion_types (Code, Name, CreatedAt) VALUES ('couponredeem', 'Coupon redeem', '2026-11-01 00:00:00');
                INSERT INTO tracking_conversions (Id, Cid, ConversionTypeCode, Status, CouponCode, ExternalId, AmountMinor, Currency, GeoLocation, CreatedAt) VALUES
                    ('conv_open', 'cid_1', 'couponredeem', 'approved', 'SAVE10', 'red_1', NULL, NULL, 'US', '2026-11-01 00:00:00'),
                    ('conv_usd', 'cid_1', 'sale', 'approved', 'SAVE10', '1', 6980, 'USD', 'US', '2026-11-01 00:00:00'),
                    ('conv_jpy', 'cid_1', 'sale', 'approved', 'SAVE10', '2', 1500, 'JPY', 'US', '2026-11-01 00:00:00'),
                    ('conv_kwd', 'cid_1', 'sale', 'approved', 'SAVE10', '3', 1250, 'KWD', 'US', '2026-11-01 00:00:00');
                """);

            await db.Database.MigrateAsync();

            var amounts = await db.Conversions.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Amount, c.CustomParams.Count }).ToListAsync();
            Assert.Equal(["conv_jpy", "conv_kwd", "conv_open", "conv_usd"], amounts.Select(a => a.Id));
            Assert.Equal(["1500", "1.25", null, "69.8"], amounts.Select(a => a.Amount?.ToString()));
            Assert.All(amounts, a => Assert.Equal(0, a.Count));
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
