using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Billing.Tracking.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "tracking");

            migrationBuilder.CreateTable(
                name: "tracking_conversion_types",
                schema: "tracking",
                columns: table => new
                {
                    Code = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_conversion_types", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "tracking_inbox",
                schema: "tracking",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Handler = table.Column<string>(type: "text", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_inbox", x => new { x.EventId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "tracking_outbox",
                schema: "tracking",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "tracking_paid_invoices",
                schema: "tracking",
                columns: table => new
                {
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    AccountCode = table.Column<string>(type: "text", nullable: false),
                    SubscriptionId = table.Column<string>(type: "text", nullable: false),
                    Currency = table.Column<string>(type: "text", nullable: false),
                    TotalMinor = table.Column<long>(type: "bigint", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PaidAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Refunded = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_paid_invoices", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "tracking_revenue_origins",
                schema: "tracking",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_revenue_origins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tracking_conversions",
                schema: "tracking",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Cid = table.Column<string>(type: "text", nullable: false),
                    ConversionTypeCode = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    CouponCode = table.Column<string>(type: "text", nullable: true),
                    ExternalId = table.Column<string>(type: "text", nullable: true),
                    Amount = table.Column<long>(type: "bigint", nullable: true),
                    Currency = table.Column<string>(type: "text", nullable: true),
                    GeoLocation = table.Column<string>(type: "text", nullable: false),
                    RevenueOriginId = table.Column<string>(type: "text", nullable: true),
                    CustomerId = table.Column<string>(type: "text", nullable: true),
                    CustomParams = table.Column<string>(type: "text", nullable: false),
                    AccountCode = table.Column<string>(type: "text", nullable: true),
                    SubscriptionId = table.Column<string>(type: "text", nullable: true),
                    RedemptionId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_conversions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tracking_conversions_tracking_conversion_types_ConversionTy~",
                        column: x => x.ConversionTypeCode,
                        principalSchema: "tracking",
                        principalTable: "tracking_conversion_types",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_tracking_conversions_tracking_revenue_origins_RevenueOrigin~",
                        column: x => x.RevenueOriginId,
                        principalSchema: "tracking",
                        principalTable: "tracking_revenue_origins",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tracking_conversion_errors",
                schema: "tracking",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    Message = table.Column<string>(type: "text", nullable: false),
                    ConversionTypeCode = table.Column<string>(type: "text", nullable: false),
                    ExternalId = table.Column<string>(type: "text", nullable: false),
                    ExistingConversionId = table.Column<string>(type: "text", nullable: false),
                    Cid = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_conversion_errors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tracking_conversion_errors_tracking_conversions_ExistingCon~",
                        column: x => x.ExistingConversionId,
                        principalSchema: "tracking",
                        principalTable: "tracking_conversions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                schema: "tracking",
                table: "tracking_conversion_types",
                columns: new[] { "Code", "CreatedAt", "Name" },
                values: new object[] { "sale", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Sale" });

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversion_errors_CreatedAt",
                schema: "tracking",
                table: "tracking_conversion_errors",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversion_errors_ExistingConversionId",
                schema: "tracking",
                table: "tracking_conversion_errors",
                column: "ExistingConversionId");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversions_Cid",
                schema: "tracking",
                table: "tracking_conversions",
                column: "Cid");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversions_ConversionTypeCode_ExternalId",
                schema: "tracking",
                table: "tracking_conversions",
                columns: new[] { "ConversionTypeCode", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversions_CreatedAt",
                schema: "tracking",
                table: "tracking_conversions",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversions_RevenueOriginId",
                schema: "tracking",
                table: "tracking_conversions",
                column: "RevenueOriginId");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_conversions_SubscriptionId",
                schema: "tracking",
                table: "tracking_conversions",
                column: "SubscriptionId");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_outbox_EventId",
                schema: "tracking",
                table: "tracking_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tracking_outbox_ProcessedAt",
                schema: "tracking",
                table: "tracking_outbox",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_paid_invoices_AccountCode",
                schema: "tracking",
                table: "tracking_paid_invoices",
                column: "AccountCode");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_paid_invoices_SubscriptionId",
                schema: "tracking",
                table: "tracking_paid_invoices",
                column: "SubscriptionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tracking_conversion_errors",
                schema: "tracking");

            migrationBuilder.DropTable(
                name: "tracking_inbox",
                schema: "tracking");

            migrationBuilder.DropTable(
                name: "tracking_outbox",
                schema: "tracking");

            migrationBuilder.DropTable(
                name: "tracking_paid_invoices",
                schema: "tracking");

            migrationBuilder.DropTable(
                name: "tracking_conversions",
                schema: "tracking");

            migrationBuilder.DropTable(
                name: "tracking_conversion_types",
                schema: "tracking");

            migrationBuilder.DropTable(
                name: "tracking_revenue_origins",
                schema: "tracking");
        }
    }
}
