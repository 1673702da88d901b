using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Invoicing.Infrastructure.Migrations;

/// <summary>
/// P5: the accounts' credit balances per currency (never negative), their ledger, and the credit each invoice used;
/// P6: what was refunded of an invoice, and on a credit note the invoice it refunds.
/// </summary>
[DbContext(typeof(InvoicingDbContext))]
[Migration("20261203180000_InvoiceCredits")]
internal sealed class InvoiceCredits : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "invoicing_invoices" ADD COLUMN "CreditApplied" INTEGER NOT NULL DEFAULT 0;""");
        migrationBuilder.Sql("""ALTER TABLE "invoicing_invoices" ADD COLUMN "AmountRefunded" INTEGER NOT NULL DEFAULT 0;""");
        migrationBuilder.Sql("""ALTER TABLE "invoicing_invoices" ADD COLUMN "RefundsInvoiceNumber" INTEGER NULL;""");
        migrationBuilder.Sql("""
            CREATE TABLE "invoicing_credit_balances" (
                "AccountCode" TEXT NOT NULL,
                "Currency" TEXT NOT NULL,
                "Balance" INTEGER NOT NULL,
                CONSTRAINT "PK_invoicing_credit_balances" PRIMARY KEY ("AccountCode", "Currency"),
                CONSTRAINT "CK_invoicing_credit_balances_never_negative" CHECK ("Balance" >= 0)
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "invoicing_credit_ledger" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_invoicing_credit_ledger" PRIMARY KEY AUTOINCREMENT,
                "AccountCode" TEXT NOT NULL,
                "Currency" TEXT NOT NULL,
                "Amount" INTEGER NOT NULL,
                "Reason" TEXT NOT NULL,
                "InvoiceNumber" INTEGER NOT NULL,
                "BalanceAfter" INTEGER NOT NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""CREATE INDEX "IX_invoicing_credit_ledger_AccountCode_Id" ON "invoicing_credit_ledger" ("AccountCode", "Id");""");
    }
}
