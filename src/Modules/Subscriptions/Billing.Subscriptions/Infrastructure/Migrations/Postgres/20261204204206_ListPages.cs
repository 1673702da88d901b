using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.Subscriptions.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class ListPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_subscriptions_subscriptions_AccountCode",
                schema: "subscriptions",
                table: "subscriptions_subscriptions");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_subscriptions_AccountCode_CreatedAt_Id",
                schema: "subscriptions",
                table: "subscriptions_subscriptions",
                columns: new[] { "AccountCode", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_subscriptions_CreatedAt_Id",
                schema: "subscriptions",
                table: "subscriptions_subscriptions",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_subscriptions_PlanCode_CreatedAt_Id",
                schema: "subscriptions",
                table: "subscriptions_subscriptions",
                columns: new[] { "PlanCode", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_plans_CreatedAt_Code",
                schema: "subscriptions",
                table: "subscriptions_plans",
                columns: new[] { "CreatedAt", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_packages_CreatedAt_Code",
                schema: "subscriptions",
                table: "subscriptions_packages",
                columns: new[] { "CreatedAt", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_accounts_Country_CreatedAt_Code",
                schema: "subscriptions",
                table: "subscriptions_accounts",
                columns: new[] { "Country", "CreatedAt", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_accounts_CreatedAt_Code",
                schema: "subscriptions",
                table: "subscriptions_accounts",
                columns: new[] { "CreatedAt", "Code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_subscriptions_subscriptions_AccountCode_CreatedAt_Id",
                schema: "subscriptions",
                table: "subscriptions_subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_subscriptions_subscriptions_CreatedAt_Id",
                schema: "subscriptions",
                table: "subscriptions_subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_subscriptions_subscriptions_PlanCode_CreatedAt_Id",
                schema: "subscriptions",
                table: "subscriptions_subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_subscriptions_plans_CreatedAt_Code",
                schema: "subscriptions",
                table: "subscriptions_plans");

            migrationBuilder.DropIndex(
                name: "IX_subscriptions_packages_CreatedAt_Code",
                schema: "subscriptions",
                table: "subscriptions_packages");

            migrationBuilder.DropIndex(
                name: "IX_subscriptions_accounts_Country_CreatedAt_Code",
                schema: "subscriptions",
                table: "subscriptions_accounts");

            migrationBuilder.DropIndex(
                name: "IX_subscriptions_accounts_CreatedAt_Code",
                schema: "subscriptions",
                table: "subscriptions_accounts");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_subscriptions_AccountCode",
                schema: "subscriptions",
                table: "subscriptions_subscriptions",
                column: "AccountCode");
        }
    }
}
