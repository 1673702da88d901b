using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Coupons.Infrastructure.Migrations;

/// <summary>Issue 16: the indexes the module's lists page on, so every page is an index seek after its cursor, never an offset.</summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261204190000_CouponListPages")]
internal sealed class CouponListPages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX "IX_coupons_coupons_CreatedAt_Id" ON "coupons_coupons" ("CreatedAt", "Id");
            CREATE INDEX "IX_coupons_coupons_State_CreatedAt_Id" ON "coupons_coupons" ("State", "CreatedAt", "Id");
            CREATE INDEX "IX_coupons_redemptions_CouponId_Sequence" ON "coupons_redemptions" ("CouponId", "Sequence");
            CREATE INDEX "IX_coupons_redemptions_AccountCode_Sequence" ON "coupons_redemptions" ("AccountCode", "Sequence");
            DROP INDEX "IX_coupons_unique_codes_CouponId_State";
            CREATE INDEX "IX_coupons_unique_codes_CouponId_CreatedAt_NormalizedCode" ON "coupons_unique_codes" ("CouponId", "CreatedAt", "NormalizedCode");
            CREATE INDEX "IX_coupons_unique_codes_CouponId_State_CreatedAt_NormalizedCode" ON "coupons_unique_codes" ("CouponId", "State", "CreatedAt", "NormalizedCode");
            """);
    }
}
