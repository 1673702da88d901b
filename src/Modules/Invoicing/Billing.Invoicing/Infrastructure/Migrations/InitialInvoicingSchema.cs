using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Invoicing.Infrastructure.Migrations;

/// <summary>
/// The Invoicing module's first schema. Migrations are written by hand (the EF Core design-time package does not
/// restore here); MigrationSchemaTests prove that applying them to an empty database yields exactly the model.
/// </summary>
[DbContext(typeof(InvoicingDbContext))]
[Migration("20261121000000_InitialInvoicingSchema")]
internal sealed class InitialInvoicingSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "invoicing_inbox" (
                "EventId" TEXT NOT NULL,
                "Handler" TEXT NOT NULL,
                "ProcessedAt" TEXT NOT NULL,
                CONSTRAINT "PK_invoicing_inbox" PRIMARY KEY ("EventId", "Handler")
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "invoicing_invoices" (
                "Number" INTEGER NOT NULL CONSTRAINT "PK_invoicing_invoices" PRIMARY KEY,
                "Kind" TEXT NOT NULL,
                "AccountCode" TEXT NOT NULL,
                "SubscriptionId" TEXT NULL,
                "PlanCode" TEXT NULL,
                "Currency" TEXT NOT NULL,
                "State" TEXT NOT NULL,
                "IsTrial" INTEGER NOT NULL,
                "PeriodStart" TEXT NULL,
                "PeriodEnd" TEXT NULL,
                "CreatedAt" TEXT NOT NULL,
                "TaxRatePercent" TEXT NOT NULL,
                "Subtotal" INTEGER NOT NULL,
                "DiscountTotal" INTEGER NOT NULL,
                "TaxTotal" INTEGER NOT NULL,
                "Total" INTEGER NOT NULL,
                "CouponCodes" TEXT NOT NULL,
                "Notes" TEXT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "invoicing_outbox" (
                "Sequence" INTEGER NOT NULL CONSTRAINT "PK_invoicing_outbox" PRIMARY KEY AUTOINCREMENT,
                "EventId" TEXT NOT NULL,
                "Type" TEXT NOT NULL,
                "Payload" TEXT NOT NULL,
                "OccurredAt" TEXT NOT NULL,
                "ProcessedAt" TEXT NULL,
                "Attempts" INTEGER NOT NULL,
                "LastError" TEXT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "invoicing_sequences" (
                "Name" TEXT NOT NULL CONSTRAINT "PK_invoicing_sequences" PRIMARY KEY,
                "NextValue" INTEGER NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "invoicing_invoice_lines" (
                "Position" INTEGER NOT NULL,
                "InvoiceNumber" INTEGER NOT NULL,
                "Type" TEXT NOT NULL,
                "Code" TEXT NOT NULL,
                "Description" TEXT NOT NULL,
                "Quantity" INTEGER NOT NULL,
                "UnitAmount" INTEGER NOT NULL,
                "Amount" INTEGER NOT NULL,
                "Discount" INTEGER NOT NULL,
                "Tax" INTEGER NOT NULL,
                "Total" INTEGER NOT NULL,
                "Discounts" TEXT NOT NULL,
                CONSTRAINT "PK_invoicing_invoice_lines" PRIMARY KEY ("InvoiceNumber", "Position"),
                CONSTRAINT "FK_invoicing_invoice_lines_invoicing_invoices_InvoiceNumber" FOREIGN KEY ("InvoiceNumber") REFERENCES "invoicing_invoices" ("Number") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            INSERT INTO "invoicing_sequences" ("Name", "NextValue")
            VALUES ('invoice', 1);
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_invoicing_invoices_AccountCode" ON "invoicing_invoices" ("AccountCode");
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_invoicing_invoices_SubscriptionId_PeriodStart" ON "invoicing_invoices" ("SubscriptionId", "PeriodStart") WHERE "Kind" = 'period';
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_invoicing_outbox_EventId" ON "invoicing_outbox" ("EventId");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_invoicing_outbox_ProcessedAt" ON "invoicing_outbox" ("ProcessedAt");
            """);
    }
}
