using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.BuildingBlocks.Idempotency.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class IdempotencyClaimOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HeartbeatAt",
                schema: "platform",
                table: "platform_idempotency_keys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                schema: "platform",
                table: "platform_idempotency_keys",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_idempotency_keys_Completed_Owner",
                schema: "platform",
                table: "platform_idempotency_keys",
                columns: new[] { "Completed", "Owner" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_platform_idempotency_keys_Completed_Owner",
                schema: "platform",
                table: "platform_idempotency_keys");

            migrationBuilder.DropColumn(
                name: "HeartbeatAt",
                schema: "platform",
                table: "platform_idempotency_keys");

            migrationBuilder.DropColumn(
                name: "Owner",
                schema: "platform",
                table: "platform_idempotency_keys");
        }
    }
}
