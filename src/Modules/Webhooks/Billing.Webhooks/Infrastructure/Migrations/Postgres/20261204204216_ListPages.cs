using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.Webhooks.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class ListPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_webhooks_endpoints_CreatedAt",
                schema: "webhooks",
                table: "webhooks_endpoints");

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_endpoints_CreatedAt_Id",
                schema: "webhooks",
                table: "webhooks_endpoints",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_deliveries_EndpointId_Sequence",
                schema: "webhooks",
                table: "webhooks_deliveries",
                columns: new[] { "EndpointId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_webhooks_endpoints_CreatedAt_Id",
                schema: "webhooks",
                table: "webhooks_endpoints");

            migrationBuilder.DropIndex(
                name: "IX_webhooks_deliveries_EndpointId_Sequence",
                schema: "webhooks",
                table: "webhooks_deliveries");

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_endpoints_CreatedAt",
                schema: "webhooks",
                table: "webhooks_endpoints",
                column: "CreatedAt");
        }
    }
}
