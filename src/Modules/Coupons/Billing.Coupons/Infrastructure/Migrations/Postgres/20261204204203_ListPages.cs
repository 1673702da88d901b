using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.Coupons.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class ListPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_coupons_unique_codes_CouponId_State",
                schema: "coupons",
                table: "coupons_unique_codes");

            migrationBuilder.CreateIndex(
                name: "IX_coupons_unique_codes_CouponId_CreatedAt_NormalizedCode",
                schema: "coupons",
                table: "coupons_unique_codes",
                columns: new[] { "CouponId", "CreatedAt", "NormalizedCode" });

            migrationBuilder.CreateIndex(
                name: "IX_coupons_unique_codes_CouponId_State_CreatedAt_NormalizedCode",
                schema: "coupons",
                table: "coupons_unique_codes",
                columns: new[] { "CouponId", "State", "CreatedAt", "NormalizedCode" });

            migrationBuilder.CreateIndex(
                name: "IX_coupons_redemptions_AccountCode_Sequence",
                schema: "coupons",
                table: "coupons_redemptions",
                columns: new[] { "AccountCode", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_coupons_redemptions_CouponId_Sequence",
                schema: "coupons",
                table: "coupons_redemptions",
                columns: new[] { "CouponId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_coupons_coupons_CreatedAt_Id",
                schema: "coupons",
                table: "coupons_coupons",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_coupons_coupons_State_CreatedAt_Id",
                schema: "coupons",
                table: "coupons_coupons",
                columns: new[] { "State", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_coupons_unique_codes_CouponId_CreatedAt_NormalizedCode",
                schema: "coupons",
                table: "coupons_unique_codes");

            migrationBuilder.DropIndex(
                name: "IX_coupons_unique_codes_CouponId_State_CreatedAt_NormalizedCode",
                schema: "coupons",
                table: "coupons_unique_codes");

            migrationBuilder.DropIndex(
                name: "IX_coupons_redemptions_AccountCode_Sequence",
                schema: "coupons",
                table: "coupons_redemptions");

            migrationBuilder.DropIndex(
                name: "IX_coupons_redemptions_CouponId_Sequence",
                schema: "coupons",
                table: "coupons_redemptions");

            migrationBuilder.DropIndex(
                name: "IX_coupons_coupons_CreatedAt_Id",
                schema: "coupons",
                table: "coupons_coupons");

            migrationBuilder.DropIndex(
                name: "IX_coupons_coupons_State_CreatedAt_Id",
                schema: "coupons",
                table: "coupons_coupons");

            migrationBuilder.CreateIndex(
                name: "IX_coupons_unique_codes_CouponId_State",
                schema: "coupons",
                table: "coupons_unique_codes",
                columns: new[] { "CouponId", "State" });
        }
    }
}
