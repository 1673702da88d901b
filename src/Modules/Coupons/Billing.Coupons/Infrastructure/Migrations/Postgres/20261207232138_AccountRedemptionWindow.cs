using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.Coupons.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class AccountRedemptionWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_coupons_redemptions_AccountCode_CreatedAt_Sequence",
                schema: "coupons",
                table: "coupons_redemptions",
                columns: new[] { "AccountCode", "CreatedAt", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_coupons_redemptions_AccountCode_CreatedAt_Sequence",
                schema: "coupons",
                table: "coupons_redemptions");
        }
    }
}
