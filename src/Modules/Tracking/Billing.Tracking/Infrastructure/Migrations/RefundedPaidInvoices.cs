using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Tracking.Infrastructure.Migrations;

/// <summary>P7: a paid invoice remembers a full refund, so a sale recorded after it is recorded as refunded.</summary>
[DbContext(typeof(TrackingDbContext))]
[Migration("20261203180000_RefundedPaidInvoices")]
internal sealed class RefundedPaidInvoices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "tracking_paid_invoices" ADD COLUMN "Refunded" INTEGER NOT NULL DEFAULT 0;""");
}
