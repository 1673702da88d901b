using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.Webhooks.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class SecretRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PreviousSecret",
                schema: "webhooks",
                table: "webhooks_endpoints",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PreviousSecretExpiresAt",
                schema: "webhooks",
                table: "webhooks_endpoints",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreviousSecret",
                schema: "webhooks",
                table: "webhooks_endpoints");

            migrationBuilder.DropColumn(
                name: "PreviousSecretExpiresAt",
                schema: "webhooks",
                table: "webhooks_endpoints");
        }
    }
}
