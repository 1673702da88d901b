using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Tracking.Infrastructure.Migrations;

/// <summary>
/// The conversion ledger of seed 000 (issue 6): revenue origins (T1), the conversion error log (T4), and the
/// conversions table rebuilt — SQLite cannot add constraints to a table — with foreign keys to its type and
/// revenue origin (T1), the seed's revenueOriginId, customerId and customParams, and the amount as an exact
/// number of ten-thousandths instead of minor units: existing rows are carried over, their minor units scaled
/// by their currency's exponent (0, 2 or 3 decimals, as Currency knew them when this was written).
/// </summary>
[DbContext(typeof(TrackingDbContext))]
[Migration("20261121120000_ConversionLedgerSchema")]
internal sealed class ConversionLedgerSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "tracking_revenue_origins" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_tracking_revenue_origins" PRIMARY KEY,
                "Name" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "ef_temp_tracking_conversions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_tracking_conversions" PRIMARY KEY,
                "Cid" TEXT NOT NULL,
                "ConversionTypeCode" TEXT NOT NULL,
                "Status" TEXT NOT NULL,
                "CouponCode" TEXT NULL,
                "ExternalId" TEXT NULL,
                "Amount" INTEGER NULL,
                "Currency" TEXT NULL,
                "GeoLocation" TEXT NOT NULL,
                "RevenueOriginId" TEXT NULL,
                "CustomerId" TEXT NULL,
                "CustomParams" TEXT NOT NULL,
                "AccountCode" TEXT NULL,
                "SubscriptionId" TEXT NULL,
                "RedemptionId" TEXT NULL,
                "CreatedAt" TEXT NOT NULL,
                CONSTRAINT "FK_tracking_conversions_tracking_conversion_types_ConversionTypeCode" FOREIGN KEY ("ConversionTypeCode") REFERENCES "tracking_conversion_types" ("Code") ON DELETE RESTRICT,
                CONSTRAINT "FK_tracking_conversions_tracking_revenue_origins_RevenueOriginId" FOREIGN KEY ("RevenueOriginId") REFERENCES "tracking_revenue_origins" ("Id") ON DELETE RESTRICT
            );
            """);
        migrationBuilder.Sql("""
            INSERT INTO "ef_temp_tracking_conversions" ("Id", "Cid", "ConversionTypeCode", "Status", "CouponCode", "ExternalId", "Amount", "Currency",
                "GeoLocation", "RevenueOriginId", "CustomerId", "CustomParams", "AccountCode", "SubscriptionId", "RedemptionId", "CreatedAt")
            SELECT "Id", "Cid", "ConversionTypeCode", "Status", "CouponCode", "ExternalId",
                "AmountMinor" * CASE
                    WHEN "Currency" IN ('JPY', 'KRW', 'CLP', 'ISK', 'VND', 'PYG', 'UGX', 'XAF', 'XOF') THEN 10000
                    WHEN "Currency" IN ('KWD', 'BHD', 'JOD', 'OMR', 'TND', 'LYD', 'IQD') THEN 10
                    ELSE 100
                END,
                "Currency", "GeoLocation", NULL, NULL, '{}', "AccountCode", "SubscriptionId", "RedemptionId", "CreatedAt"
            FROM "tracking_conversions";
            """);
        migrationBuilder.Sql("""
            DROP TABLE "tracking_conversions";
            """);
        migrationBuilder.Sql("""
            ALTER TABLE "ef_temp_tracking_conversions" RENAME TO "tracking_conversions";
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "tracking_conversion_errors" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_tracking_conversion_errors" PRIMARY KEY,
                "Code" TEXT NOT NULL,
                "Message" TEXT NOT NULL,
                "ConversionTypeCode" TEXT NOT NULL,
                "ExternalId" TEXT NOT NULL,
                "ExistingConversionId" TEXT NOT NULL,
                "Cid" TEXT NULL,
                "CreatedAt" TEXT NOT NULL,
                CONSTRAINT "FK_tracking_conversion_errors_tracking_conversions_ExistingConversionId" FOREIGN KEY ("ExistingConversionId") REFERENCES "tracking_conversions" ("Id") ON DELETE RESTRICT
            );
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_tracking_conversion_errors_CreatedAt" ON "tracking_conversion_errors" ("CreatedAt");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_tracking_conversion_errors_ExistingConversionId" ON "tracking_conversion_errors" ("ExistingConversionId");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_tracking_conversions_Cid" ON "tracking_conversions" ("Cid");
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_tracking_conversions_ConversionTypeCode_ExternalId" ON "tracking_conversions" ("ConversionTypeCode", "ExternalId") WHERE "ExternalId" IS NOT NULL;
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_tracking_conversions_CreatedAt" ON "tracking_conversions" ("CreatedAt");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_tracking_conversions_RevenueOriginId" ON "tracking_conversions" ("RevenueOriginId");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_tracking_conversions_SubscriptionId" ON "tracking_conversions" ("SubscriptionId");
            """);
    }
}
