using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.Subscriptions.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class PlanArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                schema: "subscriptions",
                table: "subscriptions_plans",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                schema: "subscriptions",
                table: "subscriptions_plans");
        }
    }
}
