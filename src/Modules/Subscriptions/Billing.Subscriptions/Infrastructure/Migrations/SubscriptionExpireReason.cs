using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Subscriptions.Infrastructure.Migrations;

/// <summary>P4: a subscription says why it expired (<c>nonpayment</c> when dunning failed).</summary>
[DbContext(typeof(SubscriptionsDbContext))]
[Migration("20261203170000_SubscriptionExpireReason")]
internal sealed class SubscriptionExpireReason : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "subscriptions_subscriptions" ADD COLUMN "ExpireReason" TEXT NULL;""");
}
