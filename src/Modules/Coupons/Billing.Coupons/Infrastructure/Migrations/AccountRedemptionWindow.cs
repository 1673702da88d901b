using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Coupons.Infrastructure.Migrations;

/// <summary>
/// Issue 20: an account's redemptions filtered by a creation window (Recurly's <c>begin_time</c>/<c>end_time</c>) read
/// every redemption of the account on (AccountCode, Sequence) and the table row of each to test its time; this index
/// seeks the account's window, and answers the list's count (HEAD) without reading the table.
/// </summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261207231000_AccountRedemptionWindow")]
internal sealed class AccountRedemptionWindow : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX "IX_coupons_redemptions_AccountCode_CreatedAt_Sequence" ON "coupons_redemptions" ("AccountCode", "CreatedAt", "Sequence");
            """);
    }
}
