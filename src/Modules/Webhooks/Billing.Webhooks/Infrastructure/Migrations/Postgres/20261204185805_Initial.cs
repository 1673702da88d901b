using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Billing.Webhooks.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "webhooks");

            migrationBuilder.CreateTable(
                name: "webhooks_attempts",
                schema: "webhooks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeliveryId = table.Column<string>(type: "text", nullable: false),
                    AttemptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "text", nullable: false),
                    ResponseStatus = table.Column<int>(type: "integer", nullable: true),
                    LatencyMs = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhooks_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "webhooks_endpoints",
                schema: "webhooks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Url = table.Column<string>(type: "text", nullable: false),
                    Events = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Secret = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeasedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhooks_endpoints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "webhooks_events",
                schema: "webhooks",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Id = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    ResourceKey = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhooks_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "webhooks_inbox",
                schema: "webhooks",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Handler = table.Column<string>(type: "text", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhooks_inbox", x => new { x.EventId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "webhooks_outbox",
                schema: "webhooks",
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
                    table.PrimaryKey("PK_webhooks_outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "webhooks_deliveries",
                schema: "webhooks",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Id = table.Column<string>(type: "text", nullable: false),
                    EndpointId = table.Column<string>(type: "text", nullable: false),
                    EventId = table.Column<string>(type: "text", nullable: false),
                    EventType = table.Column<string>(type: "text", nullable: false),
                    ResourceKey = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    AttemptCount = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhooks_deliveries", x => x.Sequence);
                    table.ForeignKey(
                        name: "FK_webhooks_deliveries_webhooks_endpoints_EndpointId",
                        column: x => x.EndpointId,
                        principalSchema: "webhooks",
                        principalTable: "webhooks_endpoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_attempts_DeliveryId",
                schema: "webhooks",
                table: "webhooks_attempts",
                column: "DeliveryId");

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_deliveries_EndpointId_EventId",
                schema: "webhooks",
                table: "webhooks_deliveries",
                columns: new[] { "EndpointId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_deliveries_Id",
                schema: "webhooks",
                table: "webhooks_deliveries",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_deliveries_Status_NextAttemptAt",
                schema: "webhooks",
                table: "webhooks_deliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_endpoints_CreatedAt",
                schema: "webhooks",
                table: "webhooks_endpoints",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_events_Id",
                schema: "webhooks",
                table: "webhooks_events",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_outbox_EventId",
                schema: "webhooks",
                table: "webhooks_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_outbox_ProcessedAt",
                schema: "webhooks",
                table: "webhooks_outbox",
                column: "ProcessedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "webhooks_attempts",
                schema: "webhooks");

            migrationBuilder.DropTable(
                name: "webhooks_deliveries",
                schema: "webhooks");

            migrationBuilder.DropTable(
                name: "webhooks_events",
                schema: "webhooks");

            migrationBuilder.DropTable(
                name: "webhooks_inbox",
                schema: "webhooks");

            migrationBuilder.DropTable(
                name: "webhooks_outbox",
                schema: "webhooks");

            migrationBuilder.DropTable(
                name: "webhooks_endpoints",
                schema: "webhooks");
        }
    }
}
