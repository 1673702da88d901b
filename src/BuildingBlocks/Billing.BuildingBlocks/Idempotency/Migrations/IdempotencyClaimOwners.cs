using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.BuildingBlocks.Idempotency.Migrations;

/// <summary>
/// Issue 19: an idempotency claim names the process that holds it and carries its heartbeat, so that with several
/// hosts on one database a retry takes over only the claim of a process that is gone. Existing unfinished claims
/// (no heartbeat) count as stale.
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261204224000_IdempotencyClaimOwners")]
internal sealed class IdempotencyClaimOwners : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "platform_idempotency_keys" ADD COLUMN "Owner" TEXT NULL;""");
        migrationBuilder.Sql("""ALTER TABLE "platform_idempotency_keys" ADD COLUMN "HeartbeatAt" TEXT NULL;""");
        migrationBuilder.Sql("""CREATE INDEX "IX_platform_idempotency_keys_Completed_Owner" ON "platform_idempotency_keys" ("Completed", "Owner");""");
    }
}
