using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.BuildingBlocks.Idempotency.Migrations;

/// <summary>The platform's tables: idempotency keys (and the outbox/inbox every module context has).</summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261121160000_InitialPlatformSchema")]
internal sealed class InitialPlatformSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "platform_idempotency_keys" (
                "Key" TEXT NOT NULL CONSTRAINT "PK_platform_idempotency_keys" PRIMARY KEY,
                "RequestHash" TEXT NOT NULL,
                "Completed" INTEGER NOT NULL,
                "StatusCode" INTEGER NULL,
                "ContentType" TEXT NULL,
                "Body" BLOB NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "platform_inbox" (
                "EventId" TEXT NOT NULL,
                "Handler" TEXT NOT NULL,
                "ProcessedAt" TEXT NOT NULL,
                CONSTRAINT "PK_platform_inbox" PRIMARY KEY ("EventId", "Handler")
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "platform_outbox" (
                "Sequence" INTEGER NOT NULL CONSTRAINT "PK_platform_outbox" PRIMARY KEY AUTOINCREMENT,
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
            CREATE INDEX "IX_platform_idempotency_keys_CreatedAt" ON "platform_idempotency_keys" ("CreatedAt");
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_platform_outbox_EventId" ON "platform_outbox" ("EventId");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_platform_outbox_ProcessedAt" ON "platform_outbox" ("ProcessedAt");
            """);
    }
}
