using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Payments.Infrastructure.Migrations;

/// <summary>
/// The Payments module's first schema (P2–P4): payment methods as tokens, the collection of each issued invoice, and
/// a transaction row per payment attempt. Written by hand like the other modules'; MigrationSchemaTests prove it
/// equals the model.
/// </summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261203170000_InitialPaymentsSchema")]
internal sealed class InitialPaymentsSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "payments_inbox" (
                "EventId" TEXT NOT NULL,
                "Handler" TEXT NOT NULL,
                "ProcessedAt" TEXT NOT NULL,
                CONSTRAINT "PK_payments_inbox" PRIMARY KEY ("EventId", "Handler")
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "payments_outbox" (
                "Sequence" INTEGER NOT NULL CONSTRAINT "PK_payments_outbox" PRIMARY KEY AUTOINCREMENT,
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
            CREATE TABLE "payments_payment_methods" (
                "AccountCode" TEXT NOT NULL CONSTRAINT "PK_payments_payment_methods" PRIMARY KEY,
                "Token" TEXT NOT NULL,
                "Brand" TEXT NOT NULL,
                "Last4" TEXT NOT NULL,
                "ExpMonth" INTEGER NOT NULL,
                "ExpYear" INTEGER NOT NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "payments_collections" (
                "InvoiceNumber" INTEGER NOT NULL CONSTRAINT "PK_payments_collections" PRIMARY KEY,
                "AccountCode" TEXT NOT NULL,
                "SubscriptionId" TEXT NULL,
                "Currency" TEXT NOT NULL,
                "AmountDue" INTEGER NOT NULL,
                "State" TEXT NOT NULL,
                "Attempts" INTEGER NOT NULL,
                "FirstFailedAt" TEXT NULL,
                "NextAttemptAt" TEXT NULL,
                "UpdatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "payments_transactions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_payments_transactions" PRIMARY KEY,
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
        migrationBuilder.Sql("""CREATE INDEX "IX_payments_collections_AccountCode" ON "payments_collections" ("AccountCode");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_payments_collections_State_NextAttemptAt" ON "payments_collections" ("State", "NextAttemptAt");""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_payments_transactions_IdempotencyKey" ON "payments_transactions" ("IdempotencyKey");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_payments_transactions_InvoiceNumber_CreatedAt" ON "payments_transactions" ("InvoiceNumber", "CreatedAt");""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_payments_transactions_one_success_per_invoice" ON "payments_transactions" ("InvoiceNumber") WHERE "Outcome" = 'succeeded' AND "Kind" <> 'refund';""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_payments_outbox_EventId" ON "payments_outbox" ("EventId");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_payments_outbox_ProcessedAt" ON "payments_outbox" ("ProcessedAt");""");
    }
}
