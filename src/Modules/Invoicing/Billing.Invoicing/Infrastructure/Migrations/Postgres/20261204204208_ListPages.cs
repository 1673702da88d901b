using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.Invoicing.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class ListPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invoicing_invoices_AccountCode",
                schema: "invoicing",
                table: "invoicing_invoices");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoices_AccountCode_Number",
                schema: "invoicing",
                table: "invoicing_invoices",
                columns: new[] { "AccountCode", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoices_State_Number",
                schema: "invoicing",
                table: "invoicing_invoices",
                columns: new[] { "State", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoices_SubscriptionId_Number",
                schema: "invoicing",
                table: "invoicing_invoices",
                columns: new[] { "SubscriptionId", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invoicing_invoices_AccountCode_Number",
                schema: "invoicing",
                table: "invoicing_invoices");

            migrationBuilder.DropIndex(
                name: "IX_invoicing_invoices_State_Number",
                schema: "invoicing",
                table: "invoicing_invoices");

            migrationBuilder.DropIndex(
                name: "IX_invoicing_invoices_SubscriptionId_Number",
                schema: "invoicing",
                table: "invoicing_invoices");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoices_AccountCode",
                schema: "invoicing",
                table: "invoicing_invoices",
                column: "AccountCode");
        }
    }
}
