using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Invoicing.Infrastructure.Migrations;

/// <summary>
/// Issue 16: the indexes the invoice list pages on (number order), so every page is an index seek after its cursor,
/// never an offset. The account index gains the number (it still serves every lookup by account).
/// </summary>
[DbContext(typeof(InvoicingDbContext))]
[Migration("20261204190000_InvoiceListPages")]
internal sealed class InvoiceListPages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX "IX_invoicing_invoices_AccountCode";
            CREATE INDEX "IX_invoicing_invoices_AccountCode_Number" ON "invoicing_invoices" ("AccountCode", "Number");
            CREATE INDEX "IX_invoicing_invoices_SubscriptionId_Number" ON "invoicing_invoices" ("SubscriptionId", "Number");
            CREATE INDEX "IX_invoicing_invoices_State_Number" ON "invoicing_invoices" ("State", "Number");
            """);
    }
}
