using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Coupons.Infrastructure.Migrations;

/// <summary>Bulk coupons' unique codes (C16) and the per-account redemption counters behind the per-account cap (C6, R2).</summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261121140000_CouponCodesAndAccountCaps")]
internal sealed class CouponCodesAndAccountCaps : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "coupons_account_redemptions" (
                "CouponId" TEXT NOT NULL,
                "AccountCode" TEXT NOT NULL,
                "Redemptions" INTEGER NOT NULL,
                CONSTRAINT "PK_coupons_account_redemptions" PRIMARY KEY ("CouponId", "AccountCode")
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "coupons_unique_codes" (
                "NormalizedCode" TEXT NOT NULL CONSTRAINT "PK_coupons_unique_codes" PRIMARY KEY,
                "Code" TEXT NOT NULL,
                "CouponId" TEXT NOT NULL,
                "State" TEXT NOT NULL,
                "RedemptionId" TEXT NULL,
                "CreatedAt" TEXT NOT NULL,
                "RedeemedAt" TEXT NULL,
                "ExpiredAt" TEXT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_coupons_unique_codes_CouponId_State" ON "coupons_unique_codes" ("CouponId", "State");
            """);
    }
}
