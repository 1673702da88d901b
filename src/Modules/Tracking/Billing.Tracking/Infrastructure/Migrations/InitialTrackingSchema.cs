using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Tracking.Infrastructure.Migrations;

/// <summary>
/// The Tracking module's first schema. Migrations are written by hand (the EF Core design-time package does not
/// restore here); MigrationSchemaTests prove that applying them to an empty database yields exactly the model.
/// </summary>
[DbContext(typeof(TrackingDbContext))]
[Migration("20261121000000_InitialTrackingSchema")]
internal sealed class InitialTrackingSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "tracking_conversion_types" (
                "Code" TEXT NOT NULL CONSTRAINT "PK_tracking_conversion_types" PRIMARY KEY,
                "Name" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "tracking_conversions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_tracking_conversions" PRIMARY KEY,
                "Cid" TEXT NOT NULL,
                "ConversionTypeCode" TEXT NOT NULL,
                "Status" TEXT NOT NULL,
                "CouponCode" TEXT NULL,
                "ExternalId" TEXT NULL,
                "AmountMinor" INTEGER NULL,
                "Currency" TEXT NULL,
                "GeoLocation" TEXT NOT NULL,
                "AccountCode" TEXT NULL,
                "SubscriptionId" TEXT NULL,
                "RedemptionId" TEXT NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "tracking_inbox" (
                "EventId" TEXT NOT NULL,
                "Handler" TEXT NOT NULL,
                "ProcessedAt" TEXT NOT NULL,
                CONSTRAINT "PK_tracking_inbox" PRIMARY KEY ("EventId", "Handler")
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "tracking_outbox" (
                "Sequence" INTEGER NOT NULL CONSTRAINT "PK_tracking_outbox" PRIMARY KEY AUTOINCREMENT,
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
            INSERT INTO "tracking_conversion_types" ("Code", "CreatedAt", "Name")
            VALUES ('sale', '2026-01-01 00:00:00', 'Sale');
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_tracking_conversions_Cid" ON "tracking_conversions" ("Cid");
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_tracking_conversions_ConversionTypeCode_ExternalId" ON "tracking_conversions" ("ConversionTypeCode", "ExternalId") WHERE "ExternalId" IS NOT NULL;
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_tracking_conversions_SubscriptionId" ON "tracking_conversions" ("SubscriptionId");
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_tracking_outbox_EventId" ON "tracking_outbox" ("EventId");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_tracking_outbox_ProcessedAt" ON "tracking_outbox" ("ProcessedAt");
            """);
    }
}
