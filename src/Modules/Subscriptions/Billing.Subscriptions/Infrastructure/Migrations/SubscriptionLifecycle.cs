using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Subscriptions.Infrastructure.Migrations;

/// <summary>One-time packages (S1, S7); trials, cancellation, changes at renewal and price overrides on subscriptions (R9, S4, S8, S9).</summary>
[DbContext(typeof(SubscriptionsDbContext))]
[Migration("20261121150000_SubscriptionLifecycle")]
internal sealed class SubscriptionLifecycle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "subscriptions_packages" (
                "Code" TEXT NOT NULL CONSTRAINT "PK_subscriptions_packages" PRIMARY KEY,
                "Name" TEXT NOT NULL,
                "Prices" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL
            );
            """);
        foreach (string column in new[]
        {
            "\"TrialEndsAt\" TEXT NULL",
            "\"CanceledAt\" TEXT NULL",
            "\"ExpiresAt\" TEXT NULL",
            "\"PendingPlanCode\" TEXT NULL",
            "\"PendingQuantity\" INTEGER NULL",
            "\"PriceOverride\" INTEGER NULL",
            "\"PaymentType\" TEXT NULL",
            "\"ChargedBy\" TEXT NULL",
            "\"DiscountCodeName\" TEXT NULL",
            "\"ExternalCouponCode\" TEXT NULL",
        })
        {
            migrationBuilder.Sql($"ALTER TABLE \"subscriptions_subscriptions\" ADD COLUMN {column};");
        }
    }
}
