using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Invoicing.Infrastructure.Migrations;

/// <summary>
/// Issue 20: an account's invoices filtered by a creation window (/api's <c>created_from</c>/<c>created_to</c> with
/// <c>account_code</c>, Recurly's <c>begin_time</c>/<c>end_time</c> on an account's invoices) read every invoice of the
/// account on (AccountCode, Number) and the table row of each to test its time; this index seeks the account's window,
/// and answers the list's count (HEAD) without reading the table.
/// </summary>
[DbContext(typeof(InvoicingDbContext))]
[Migration("20261207231000_AccountInvoiceWindow")]
internal sealed class AccountInvoiceWindow : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX "IX_invoicing_invoices_AccountCode_CreatedAt_Number" ON "invoicing_invoices" ("AccountCode", "CreatedAt", "Number");
            """);
    }
}
