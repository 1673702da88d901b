using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Coupons.Infrastructure.Migrations;

/// <summary>
/// Issue 14 item 6: <c>periods_discounted</c> counts the billing periods a redemption took money off — a change
/// invoice's period too, and never a 0.00 discount — each once. A redemption remembers, per subscription, the start
/// of the last period it counted. Existing counts are kept as they are; the memory starts empty.
/// </summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261204191000_PeriodsActuallyDiscounted")]
internal sealed class PeriodsActuallyDiscounted : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE "coupons_redemptions" ADD "CountedPeriods" TEXT NOT NULL DEFAULT ('{}');
            """);
    }
}
