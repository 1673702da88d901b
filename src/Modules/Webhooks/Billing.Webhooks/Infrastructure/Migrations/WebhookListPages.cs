using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Webhooks.Infrastructure.Migrations;

/// <summary>Issue 16: the indexes the module's lists page on, so every page is an index seek, never an offset.</summary>
[DbContext(typeof(WebhooksDbContext))]
[Migration("20261204190000_WebhookListPages")]
internal sealed class WebhookListPages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX "IX_webhooks_deliveries_EndpointId_Sequence" ON "webhooks_deliveries" ("EndpointId", "Sequence");
            DROP INDEX "IX_webhooks_endpoints_CreatedAt";
            CREATE INDEX "IX_webhooks_endpoints_CreatedAt_Id" ON "webhooks_endpoints" ("CreatedAt", "Id");
            """);
    }
}
