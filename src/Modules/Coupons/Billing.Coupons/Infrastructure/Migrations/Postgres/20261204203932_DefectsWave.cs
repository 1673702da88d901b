using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.Coupons.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class DefectsWave : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CountedPeriods",
                schema: "coupons",
                table: "coupons_redemptions",
                type: "text",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<bool>(
                name: "OnePerAccount",
                schema: "coupons",
                table: "coupons_redemptions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_coupons_redemptions_one_active_per_account",
                schema: "coupons",
                table: "coupons_redemptions",
                columns: new[] { "CouponId", "AccountCode" },
                unique: true,
                filter: "\"State\" = 'active' AND \"OnePerAccount\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_coupons_redemptions_one_active_per_account",
                schema: "coupons",
                table: "coupons_redemptions");

            migrationBuilder.DropColumn(
                name: "CountedPeriods",
                schema: "coupons",
                table: "coupons_redemptions");

            migrationBuilder.DropColumn(
                name: "OnePerAccount",
                schema: "coupons",
                table: "coupons_redemptions");
        }
    }
}
