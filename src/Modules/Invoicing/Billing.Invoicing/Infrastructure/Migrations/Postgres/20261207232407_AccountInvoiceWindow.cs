using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.Invoicing.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class AccountInvoiceWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoices_AccountCode_CreatedAt_Number",
                schema: "invoicing",
                table: "invoicing_invoices",
                columns: new[] { "AccountCode", "CreatedAt", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invoicing_invoices_AccountCode_CreatedAt_Number",
                schema: "invoicing",
                table: "invoicing_invoices");
        }
    }
}
