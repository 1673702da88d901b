using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Subscriptions.Infrastructure.Migrations;

/// <summary>Issue 16: a plan can be archived (no new subscriptions); plans that existed before stay active.</summary>
[DbContext(typeof(SubscriptionsDbContext))]
[Migration("20261204220000_PlanArchive")]
internal sealed class PlanArchive : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "subscriptions_plans" ADD COLUMN "ArchivedAt" TEXT NULL;""");
}
