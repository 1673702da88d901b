using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Coupons.Infrastructure.Migrations;

/// <summary>
/// Issue 7: an index on every coupon's code. Resolving a typed code (redemption, preview, signup) looks a code up
/// among redeemable and expired coupons alike (C15), which the unique index — partial, redeemable coupons only —
/// cannot serve: each redemption scanned the whole coupon table inside its write transaction.
/// </summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261121170000_CouponCodeLookupIndex")]
internal sealed class CouponCodeLookupIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX "IX_coupons_coupons_NormalizedCode_AnyState" ON "coupons_coupons" ("NormalizedCode");
            """);
    }
}
