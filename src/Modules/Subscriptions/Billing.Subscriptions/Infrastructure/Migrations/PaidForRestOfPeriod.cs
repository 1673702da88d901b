using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Subscriptions.Infrastructure.Migrations;

/// <summary>
/// S8 (issues 14, 25): what the customer paid for the rest of the current period and the days it covers, the basis
/// of a change's credit. A subscription saved before it paid its purchase_price for the whole current period.
/// </summary>
[DbContext(typeof(SubscriptionsDbContext))]
[Migration("20261203173000_PaidForRestOfPeriod")]
internal sealed class PaidForRestOfPeriod : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "subscriptions_subscriptions" ADD COLUMN "PaidForRest" INTEGER NOT NULL DEFAULT 0;""");
        migrationBuilder.Sql("""ALTER TABLE "subscriptions_subscriptions" ADD COLUMN "PaidDays" INTEGER NOT NULL DEFAULT 0;""");
        migrationBuilder.Sql("""
            UPDATE "subscriptions_subscriptions"
            SET "PaidForRest" = CASE WHEN "State" = 'in_trial' THEN 0 ELSE "PurchasePrice" END,
                "PaidDays" = CAST(ROUND(julianday("CurrentPeriodEnd") - julianday("CurrentPeriodStart")) AS INTEGER);
            """);
    }
}
