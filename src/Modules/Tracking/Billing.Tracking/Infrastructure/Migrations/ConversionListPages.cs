using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Tracking.Infrastructure.Migrations;

/// <summary>
/// Issue 16: the conversion ledger pages in (created_at, id) order, alone or for one cid, so every page is an index
/// seek after its cursor. The new indexes lead with the old ones' columns, which they replace.
/// </summary>
[DbContext(typeof(TrackingDbContext))]
[Migration("20261204190000_ConversionListPages")]
internal sealed class ConversionListPages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX "IX_tracking_conversions_Cid";
            DROP INDEX "IX_tracking_conversions_CreatedAt";
            CREATE INDEX "IX_tracking_conversions_Cid_CreatedAt_Id" ON "tracking_conversions" ("Cid", "CreatedAt", "Id");
            CREATE INDEX "IX_tracking_conversions_CreatedAt_Id" ON "tracking_conversions" ("CreatedAt", "Id");
            """);
    }
}
