using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Webhooks.Infrastructure.Migrations;

/// <summary>
/// The Webhooks module's first schema (issue 16): endpoints with their signing secret, the events as delivered, a
/// delivery per event and endpoint, and an attempt row per post. Written by hand like the other modules';
/// MigrationSchemaTests prove it equals the model.
/// </summary>
[DbContext(typeof(WebhooksDbContext))]
[Migration("20261203210000_InitialWebhooksSchema")]
internal sealed class InitialWebhooksSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "webhooks_inbox" (
                "EventId" TEXT NOT NULL,
                "Handler" TEXT NOT NULL,
                "ProcessedAt" TEXT NOT NULL,
                CONSTRAINT "PK_webhooks_inbox" PRIMARY KEY ("EventId", "Handler")
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "webhooks_outbox" (
                "Sequence" INTEGER NOT NULL CONSTRAINT "PK_webhooks_outbox" PRIMARY KEY AUTOINCREMENT,
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
            CREATE TABLE "webhooks_endpoints" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_webhooks_endpoints" PRIMARY KEY,
                "Url" TEXT NOT NULL,
                "Events" TEXT NOT NULL,
                "Description" TEXT NULL,
                "Secret" TEXT NOT NULL,
                "State" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "LeasedUntil" TEXT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "webhooks_events" (
                "Sequence" INTEGER NOT NULL CONSTRAINT "PK_webhooks_events" PRIMARY KEY AUTOINCREMENT,
                "Id" TEXT NOT NULL,
                "Type" TEXT NOT NULL,
                "ResourceKey" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "Payload" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "webhooks_deliveries" (
                "Sequence" INTEGER NOT NULL CONSTRAINT "PK_webhooks_deliveries" PRIMARY KEY AUTOINCREMENT,
                "Id" TEXT NOT NULL,
                "EndpointId" TEXT NOT NULL,
                "EventId" TEXT NOT NULL,
                "EventType" TEXT NOT NULL,
                "ResourceKey" TEXT NOT NULL,
                "Status" TEXT NOT NULL,
                "AttemptCount" INTEGER NOT NULL,
                "NextAttemptAt" TEXT NULL,
                "CreatedAt" TEXT NOT NULL,
                CONSTRAINT "FK_webhooks_deliveries_webhooks_endpoints_EndpointId" FOREIGN KEY ("EndpointId") REFERENCES "webhooks_endpoints" ("Id") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "webhooks_attempts" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_webhooks_attempts" PRIMARY KEY AUTOINCREMENT,
                "DeliveryId" TEXT NOT NULL,
                "AttemptedAt" TEXT NOT NULL,
                "Outcome" TEXT NOT NULL,
                "ResponseStatus" INTEGER NULL,
                "LatencyMs" INTEGER NOT NULL,
                "Error" TEXT NULL
            );
            """);
        migrationBuilder.Sql("""CREATE INDEX "IX_webhooks_attempts_DeliveryId" ON "webhooks_attempts" ("DeliveryId");""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_webhooks_deliveries_EndpointId_EventId" ON "webhooks_deliveries" ("EndpointId", "EventId");""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_webhooks_deliveries_Id" ON "webhooks_deliveries" ("Id");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_webhooks_deliveries_Status_NextAttemptAt" ON "webhooks_deliveries" ("Status", "NextAttemptAt");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_webhooks_endpoints_CreatedAt" ON "webhooks_endpoints" ("CreatedAt");""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_webhooks_events_Id" ON "webhooks_events" ("Id");""");
        migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_webhooks_outbox_EventId" ON "webhooks_outbox" ("EventId");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_webhooks_outbox_ProcessedAt" ON "webhooks_outbox" ("ProcessedAt");""");
    }
}
