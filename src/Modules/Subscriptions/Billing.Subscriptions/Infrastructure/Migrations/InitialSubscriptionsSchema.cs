using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Subscriptions.Infrastructure.Migrations;

/// <summary>
/// The Subscriptions module's first schema. Migrations are written by hand (the EF Core design-time package does not
/// restore here); MigrationSchemaTests prove that applying them to an empty database yields exactly the model.
/// </summary>
[DbContext(typeof(SubscriptionsDbContext))]
[Migration("20261121000000_InitialSubscriptionsSchema")]
internal sealed class InitialSubscriptionsSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "subscriptions_accounts" (
                "Code" TEXT NOT NULL CONSTRAINT "PK_subscriptions_accounts" PRIMARY KEY,
                "Email" TEXT NOT NULL,
                "Country" TEXT NOT NULL,
                "TaxRate" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "subscriptions_inbox" (
                "EventId" TEXT NOT NULL,
                "Handler" TEXT NOT NULL,
                "ProcessedAt" TEXT NOT NULL,
                CONSTRAINT "PK_subscriptions_inbox" PRIMARY KEY ("EventId", "Handler")
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "subscriptions_outbox" (
                "Sequence" INTEGER NOT NULL CONSTRAINT "PK_subscriptions_outbox" PRIMARY KEY AUTOINCREMENT,
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
            CREATE TABLE "subscriptions_plans" (
                "Code" TEXT NOT NULL CONSTRAINT "PK_subscriptions_plans" PRIMARY KEY,
                "Name" TEXT NOT NULL,
                "IntervalLength" INTEGER NOT NULL,
                "IntervalUnit" TEXT NOT NULL,
                "TrialLength" INTEGER NULL,
                "TrialUnit" TEXT NULL,
                "Prices" TEXT NOT NULL,
                "AddOns" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "subscriptions_subscriptions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_subscriptions_subscriptions" PRIMARY KEY,
                "AccountCode" TEXT NOT NULL,
                "PlanCode" TEXT NOT NULL,
                "Currency" TEXT NOT NULL,
                "Quantity" INTEGER NOT NULL,
                "AddOns" TEXT NOT NULL,
                "State" TEXT NOT NULL,
                "PeriodAnchor" TEXT NOT NULL,
                "PeriodIndex" INTEGER NOT NULL,
                "IntervalLength" INTEGER NOT NULL,
                "IntervalUnit" TEXT NOT NULL,
                "CurrentPeriodStart" TEXT NOT NULL,
                "CurrentPeriodEnd" TEXT NOT NULL,
                "OriginalPrice" INTEGER NOT NULL,
                "PurchasePrice" INTEGER NOT NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_subscriptions_outbox_EventId" ON "subscriptions_outbox" ("EventId");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_subscriptions_outbox_ProcessedAt" ON "subscriptions_outbox" ("ProcessedAt");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_subscriptions_subscriptions_AccountCode" ON "subscriptions_subscriptions" ("AccountCode");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_subscriptions_subscriptions_State_CurrentPeriodEnd" ON "subscriptions_subscriptions" ("State", "CurrentPeriodEnd");
            """);
    }
}
