using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Webhooks.Infrastructure.Migrations;

/// <summary>Issue 16: a rotated endpoint secret keeps signing beside the new one until its overlap ends.</summary>
[DbContext(typeof(WebhooksDbContext))]
[Migration("20261207190000_WebhookSecretRotation")]
internal sealed class WebhookSecretRotation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "webhooks_endpoints" ADD COLUMN "PreviousSecret" TEXT NULL;""");
        migrationBuilder.Sql("""ALTER TABLE "webhooks_endpoints" ADD COLUMN "PreviousSecretExpiresAt" TEXT NULL;""");
    }
}
