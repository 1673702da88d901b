using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Coupons.Infrastructure.Migrations;

/// <summary>
/// The Coupons module's first schema. Migrations are written by hand (the EF Core design-time package does not
/// restore here); MigrationSchemaTests prove that applying them to an empty database yields exactly the model.
/// </summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261121000000_InitialCouponsSchema")]
internal sealed class InitialCouponsSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "coupons_coupons" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_coupons_coupons" PRIMARY KEY,
                "Code" TEXT NOT NULL,
                "NormalizedCode" TEXT NOT NULL,
                "Name" TEXT NOT NULL,
                "DiscountType" TEXT NOT NULL,
                "Percent" INTEGER NULL,
                "FixedAmounts" TEXT NOT NULL,
                "TrialUnit" TEXT NULL,
                "TrialLength" INTEGER NULL,
                "DurationType" TEXT NOT NULL,
                "DurationAmount" INTEGER NULL,
                "DurationUnit" TEXT NULL,
                "DurationPeriods" INTEGER NULL,
                "MaxRedemptions" INTEGER NULL,
                "MaxRedemptionsPerAccount" INTEGER NULL,
                "RedeemBy" TEXT NULL,
                "AllPlans" INTEGER NOT NULL,
                "PlanCodes" TEXT NOT NULL,
                "NonPlanCharges" INTEGER NOT NULL,
                "RedemptionResource" TEXT NOT NULL,
                "CouponType" TEXT NOT NULL,
                "UniqueCodeTemplate" TEXT NULL,
                "HostedPageDescription" TEXT NULL,
                "InvoiceDescription" TEXT NULL,
                "Metadata" TEXT NOT NULL,
                "State" TEXT NOT NULL,
                "ExpireReason" TEXT NULL,
                "TimesRedeemed" INTEGER NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "ExpiredAt" TEXT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "coupons_inbox" (
                "EventId" TEXT NOT NULL,
                "Handler" TEXT NOT NULL,
                "ProcessedAt" TEXT NOT NULL,
                CONSTRAINT "PK_coupons_inbox" PRIMARY KEY ("EventId", "Handler")
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "coupons_outbox" (
                "Sequence" INTEGER NOT NULL CONSTRAINT "PK_coupons_outbox" PRIMARY KEY AUTOINCREMENT,
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
            CREATE TABLE "coupons_redemptions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_coupons_redemptions" PRIMARY KEY,
                "CouponId" TEXT NOT NULL,
                "Code" TEXT NOT NULL,
                "AccountCode" TEXT NOT NULL,
                "SubscriptionId" TEXT NULL,
                "Level" TEXT NOT NULL,
                "Currency" TEXT NOT NULL,
                "State" TEXT NOT NULL,
                "InactiveReason" TEXT NULL,
                "Cid" TEXT NULL,
                "PeriodsDiscounted" INTEGER NOT NULL,
                "DiscountedMinor" INTEGER NOT NULL,
                "EndsAt" TEXT NULL,
                "CreatedAt" TEXT NOT NULL,
                "EndedAt" TEXT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "coupons_settings" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_coupons_settings" PRIMARY KEY,
                "MultipleCouponsPerAccount" INTEGER NOT NULL,
                "OneTimeChargesDiscountable" INTEGER NOT NULL,
                "StackingOrder" TEXT NOT NULL,
                "PercentMode" TEXT NOT NULL,
                "TimeZone" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            INSERT INTO "coupons_settings" ("Id", "MultipleCouponsPerAccount", "OneTimeChargesDiscountable", "PercentMode", "StackingOrder", "TimeZone")
            VALUES (1, 0, 0, 'full', 'percent_first', 'UTC');
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_coupons_coupons_NormalizedCode" ON "coupons_coupons" ("NormalizedCode") WHERE "State" = 'redeemable';
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_coupons_coupons_State_RedeemBy" ON "coupons_coupons" ("State", "RedeemBy");
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_coupons_outbox_EventId" ON "coupons_outbox" ("EventId");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_coupons_outbox_ProcessedAt" ON "coupons_outbox" ("ProcessedAt");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_coupons_redemptions_AccountCode_State" ON "coupons_redemptions" ("AccountCode", "State");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_coupons_redemptions_CouponId_AccountCode" ON "coupons_redemptions" ("CouponId", "AccountCode");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_coupons_redemptions_State_EndsAt" ON "coupons_redemptions" ("State", "EndsAt");
            """);
    }
}
