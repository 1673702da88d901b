using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Invoicing.Infrastructure.Migrations;

/// <summary>
/// P1–P2: invoices carry their payment state, what was paid and how. Invoices issued before are <c>pending</c>, or
/// <c>paid</c> at issue when they asked for nothing (P1).
/// </summary>
[DbContext(typeof(InvoicingDbContext))]
[Migration("20261203170000_InvoiceLifecycle")]
internal sealed class InvoiceLifecycle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "invoicing_invoices" ADD COLUMN "AmountPaid" INTEGER NOT NULL DEFAULT 0;""");
        migrationBuilder.Sql("""ALTER TABLE "invoicing_invoices" ADD COLUMN "PaidAt" TEXT NULL;""");
        migrationBuilder.Sql("""ALTER TABLE "invoicing_invoices" ADD COLUMN "Payments" TEXT NOT NULL DEFAULT ('[]');""");
        migrationBuilder.Sql("""
            UPDATE "invoicing_invoices"
            SET "State" = CASE WHEN "Total" <= 0 THEN 'paid' ELSE 'pending' END,
                "PaidAt" = CASE WHEN "Total" <= 0 THEN "CreatedAt" END
            WHERE "State" = 'issued';
            """);
    }
}
