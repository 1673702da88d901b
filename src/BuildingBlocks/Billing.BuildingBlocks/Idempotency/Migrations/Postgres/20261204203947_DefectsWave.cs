using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.BuildingBlocks.Idempotency.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class DefectsWave : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_test_clock",
                schema: "platform",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Now = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_test_clock", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_test_clock",
                schema: "platform");
        }
    }
}
