using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.BuildingBlocks.Idempotency.Migrations;

/// <summary>
/// Issue 25: a key's scope is now an HMAC of the caller's principal id under a server secret, no longer an unsalted
/// SHA-256 of its <c>Authorization</c> header. The stored keys are deleted: none could match a new request, and each
/// one held a hash a token could be checked against. Responses keep their <c>Location</c> header for replay.
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261203170000_PrincipalScopedIdempotencyKeys")]
internal sealed class PrincipalScopedIdempotencyKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DELETE FROM "platform_idempotency_keys";
            """);
        migrationBuilder.Sql("""
            ALTER TABLE "platform_idempotency_keys" ADD "Location" TEXT NULL;
            """);
    }
}
