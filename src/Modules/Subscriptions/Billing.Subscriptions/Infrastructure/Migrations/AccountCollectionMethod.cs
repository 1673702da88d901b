using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Subscriptions.Infrastructure.Migrations;

/// <summary>P2: an account says how its invoices are collected; accounts that existed before collect automatically.</summary>
[DbContext(typeof(SubscriptionsDbContext))]
[Migration("20261204010000_AccountCollectionMethod")]
internal sealed class AccountCollectionMethod : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "subscriptions_accounts" ADD COLUMN "CollectionMethod" TEXT NOT NULL DEFAULT 'automatic';""");
}
