using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Payments.Infrastructure.Migrations;

/// <summary>
/// Issue 16: an invoice's transactions listed by (CreatedAt, Id), so a charge and its refund made at one instant came
/// in the order of their random ids. Each transaction now carries a creation sequence, its key, given by the database
/// on insert (as the outbox and webhook deliveries do). SQLite cannot change a table's key in place: the table is
/// rebuilt, its rows numbered in their old order (created, then id).
/// </summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261207160000_TransactionSequence")]
internal sealed class TransactionSequence : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "payments_transactions_sequenced" (
                "Sequence" INTEGER NOT NULL CONSTRAINT "PK_payments_transactions" PRIMARY KEY AUTOINCREMENT,
                "Id" TEXT NOT NULL,
                "InvoiceNumber" INTEGER NOT NULL,
                "AccountCode" TEXT NOT NULL,
                "Kind" TEXT NOT NULL,
                "Amount" INTEGER NOT NULL,
                "Currency" TEXT NOT NULL,
                "Outcome" TEXT NOT NULL,
                "IdempotencyKey" TEXT NOT NULL,
                "GatewayReference" TEXT NULL,
                "DeclineCode" TEXT NULL,
                "Reference" TEXT NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            INSERT INTO "payments_transactions_sequenced"
                ("Id", "InvoiceNumber", "AccountCode", "Kind", "Amount", "Currency", "Outcome", "IdempotencyKey", "GatewayReference", "DeclineCode", "Reference", "CreatedAt")
            SELECT "Id", "InvoiceNumber", "AccountCode", "Kind", "Amount", "Currency", "Outcome", "IdempotencyKey", "GatewayReference", "DeclineCode", "Reference", "CreatedAt"
            FROM "payments_transactions"
            ORDER BY "CreatedAt", "Id";
            """);
        migrationBuilder.Sql("""DROP TABLE "payments_transactions";""");
        migrationBuilder.Sql("""ALTER TABLE "payments_transactions_sequenced" RENAME TO "payments_transactions";""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_payments_transactions_Id" ON "payments_transactions" ("Id");""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_payments_transactions_IdempotencyKey" ON "payments_transactions" ("IdempotencyKey");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_payments_transactions_InvoiceNumber_Sequence" ON "payments_transactions" ("InvoiceNumber", "Sequence");""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_payments_transactions_one_success_per_invoice" ON "payments_transactions" ("InvoiceNumber") WHERE "Outcome" = 'succeeded' AND "Kind" <> 'refund';""");
    }
}
