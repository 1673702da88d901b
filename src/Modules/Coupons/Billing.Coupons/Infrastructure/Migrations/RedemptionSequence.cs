using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Coupons.Infrastructure.Migrations;

/// <summary>
/// Issue 14 item 9: redemptions made at the same instant were ordered by their random ids, so which of two coupons of
/// one type applied first (C17) varied from signup to signup. Each redemption now takes the next number of a counter
/// in its transaction; the existing ones are numbered in their old order (created, then id).
/// </summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261203210000_RedemptionSequence")]
internal sealed class RedemptionSequence : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE "coupons_redemptions" ADD "Sequence" INTEGER NOT NULL DEFAULT 0;
            """);
        migrationBuilder.Sql("""
            UPDATE "coupons_redemptions" SET "Sequence" = "ordered"."Position"
            FROM (SELECT "Id", ROW_NUMBER() OVER (ORDER BY "CreatedAt", "Id") AS "Position" FROM "coupons_redemptions") AS "ordered"
            WHERE "coupons_redemptions"."Id" = "ordered"."Id";
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_coupons_redemptions_Sequence" ON "coupons_redemptions" ("Sequence");
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "coupons_sequences" (
                "Name" TEXT NOT NULL CONSTRAINT "PK_coupons_sequences" PRIMARY KEY,
                "Value" INTEGER NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            INSERT INTO "coupons_sequences" ("Name", "Value")
            SELECT 'redemption', COUNT(*) FROM "coupons_redemptions";
            """);
    }
}
