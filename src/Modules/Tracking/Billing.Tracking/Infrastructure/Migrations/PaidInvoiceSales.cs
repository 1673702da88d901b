using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Tracking.Infrastructure.Migrations;

/// <summary>P7: the paid invoices Tracking knows of, so a sale does not depend on the order events arrive in.</summary>
[DbContext(typeof(TrackingDbContext))]
[Migration("20261203170000_PaidInvoiceSales")]
internal sealed class PaidInvoiceSales : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "tracking_paid_invoices" (
                "Number" INTEGER NOT NULL CONSTRAINT "PK_tracking_paid_invoices" PRIMARY KEY,
                "AccountCode" TEXT NOT NULL,
                "SubscriptionId" TEXT NOT NULL,
                "Currency" TEXT NOT NULL,
                "TotalMinor" INTEGER NOT NULL,
                "IssuedAt" TEXT NOT NULL,
                "PaidAt" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""CREATE INDEX "IX_tracking_paid_invoices_AccountCode" ON "tracking_paid_invoices" ("AccountCode");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_tracking_paid_invoices_SubscriptionId" ON "tracking_paid_invoices" ("SubscriptionId");""");
    }
}
