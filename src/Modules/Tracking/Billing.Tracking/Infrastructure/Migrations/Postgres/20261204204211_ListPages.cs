using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Billing.Tracking.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class ListPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tracking_conversions_Cid",
                schema: "tracking",
                table: "tracking_conversions");

            migrationBuilder.DropIndex(
                name: "IX_tracking_conversions_CreatedAt",
                schema: "tracking",
                table: "tracking_conversions");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversions_Cid_CreatedAt_Id",
                schema: "tracking",
                table: "tracking_conversions",
                columns: new[] { "Cid", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversions_CreatedAt_Id",
                schema: "tracking",
                table: "tracking_conversions",
                columns: new[] { "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tracking_conversions_Cid_CreatedAt_Id",
                schema: "tracking",
                table: "tracking_conversions");

            migrationBuilder.DropIndex(
                name: "IX_tracking_conversions_CreatedAt_Id",
                schema: "tracking",
                table: "tracking_conversions");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversions_Cid",
                schema: "tracking",
                table: "tracking_conversions",
                column: "Cid");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversions_CreatedAt",
                schema: "tracking",
                table: "tracking_conversions",
                column: "CreatedAt");
        }
    }
}
