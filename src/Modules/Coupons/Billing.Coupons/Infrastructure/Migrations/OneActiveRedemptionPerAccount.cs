using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Coupons.Infrastructure.Migrations;

/// <summary>
/// Issue 25 item 2: a coupon without <c>max_redemptions_per_account</c> may be redeemed once per account while a
/// redemption of it is active (C6), and the database holds it: redemptions of such a coupon carry
/// <c>OnePerAccount</c>, and a partial unique index allows one active one per (coupon, account). Of the existing active
/// redemptions of uncapped coupons, the oldest per account takes the flag; any others stay active, grandfathered (the
/// redeeming command still refuses a new one while any is active).
/// </summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261204190000_OneActiveRedemptionPerAccount")]
internal sealed class OneActiveRedemptionPerAccount : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE "coupons_redemptions" ADD "OnePerAccount" INTEGER NOT NULL DEFAULT 0;
            """);
        migrationBuilder.Sql("""
            UPDATE "coupons_redemptions" SET "OnePerAccount" = 1
            WHERE "Sequence" IN (
                SELECT MIN(r."Sequence") FROM "coupons_redemptions" r
                JOIN "coupons_coupons" c ON c."Id" = r."CouponId"
                WHERE r."State" = 'active' AND c."MaxRedemptionsPerAccount" IS NULL
                GROUP BY r."CouponId", r."AccountCode");
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_coupons_redemptions_one_active_per_account" ON "coupons_redemptions" ("CouponId", "AccountCode") WHERE "State" = 'active' AND "OnePerAccount";
            """);
    }
}
