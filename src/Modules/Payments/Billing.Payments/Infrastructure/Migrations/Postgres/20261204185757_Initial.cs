using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Billing.Payments.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "payments");

            migrationBuilder.CreateTable(
                name: "payments_collections",
                schema: "payments",
                columns: table => new
                {
                    InvoiceNumber = table.Column<long>(type: "bigint", nullable: false),
                    AccountCode = table.Column<string>(type: "text", nullable: false),
                    SubscriptionId = table.Column<string>(type: "text", nullable: true),
                    Currency = table.Column<string>(type: "text", nullable: false),
                    AmountDue = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    FirstFailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_collections", x => x.InvoiceNumber);
                });

            migrationBuilder.CreateTable(
                name: "payments_inbox",
                schema: "payments",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Handler = table.Column<string>(type: "text", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_inbox", x => new { x.EventId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "payments_outbox",
                schema: "payments",
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
                    table.PrimaryKey("PK_payments_outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "payments_payment_methods",
                schema: "payments",
                columns: table => new
                {
                    AccountCode = table.Column<string>(type: "text", nullable: false),
                    Token = table.Column<string>(type: "text", nullable: false),
                    Brand = table.Column<string>(type: "text", nullable: false),
                    Last4 = table.Column<string>(type: "text", nullable: false),
                    ExpMonth = table.Column<int>(type: "integer", nullable: false),
                    ExpYear = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_payment_methods", x => x.AccountCode);
                });

            migrationBuilder.CreateTable(
                name: "payments_transactions",
                schema: "payments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    InvoiceNumber = table.Column<long>(type: "bigint", nullable: false),
                    AccountCode = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "text", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "text", nullable: false),
                    GatewayReference = table.Column<string>(type: "text", nullable: true),
                    DeclineCode = table.Column<string>(type: "text", nullable: true),
                    Reference = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_transactions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payments_collections_AccountCode",
                schema: "payments",
                table: "payments_collections",
                column: "AccountCode");

            migrationBuilder.CreateIndex(
                name: "IX_payments_collections_State_NextAttemptAt",
                schema: "payments",
                table: "payments_collections",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_outbox_EventId",
                schema: "payments",
                table: "payments_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_outbox_ProcessedAt",
                schema: "payments",
                table: "payments_outbox",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_payments_transactions_IdempotencyKey",
                schema: "payments",
                table: "payments_transactions",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_transactions_InvoiceNumber_CreatedAt",
                schema: "payments",
                table: "payments_transactions",
                columns: new[] { "InvoiceNumber", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_transactions_one_success_per_invoice",
                schema: "payments",
                table: "payments_transactions",
                column: "InvoiceNumber",
                unique: true,
                filter: "\"Outcome\" = 'succeeded' AND \"Kind\" <> 'refund'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_collections",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "payments_inbox",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "payments_outbox",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "payments_payment_methods",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "payments_transactions",
                schema: "payments");
        }
    }
}
