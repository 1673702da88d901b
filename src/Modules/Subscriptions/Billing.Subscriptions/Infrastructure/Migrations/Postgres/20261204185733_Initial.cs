using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Billing.Subscriptions.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "subscriptions");

            migrationBuilder.CreateTable(
                name: "subscriptions_accounts",
                schema: "subscriptions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "text", nullable: false),
                    Email = table.Column<string>(type: "text", nullable: false),
                    Country = table.Column<string>(type: "text", nullable: false),
                    TaxRate = table.Column<decimal>(type: "numeric", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CollectionMethod = table.Column<string>(type: "text", nullable: false, defaultValue: "automatic")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions_accounts", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions_inbox",
                schema: "subscriptions",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Handler = table.Column<string>(type: "text", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions_inbox", x => new { x.EventId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "subscriptions_outbox",
                schema: "subscriptions",
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
                    table.PrimaryKey("PK_subscriptions_outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions_packages",
                schema: "subscriptions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Prices = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions_packages", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions_plans",
                schema: "subscriptions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    IntervalLength = table.Column<int>(type: "integer", nullable: false),
                    IntervalUnit = table.Column<string>(type: "text", nullable: false),
                    TrialLength = table.Column<int>(type: "integer", nullable: true),
                    TrialUnit = table.Column<string>(type: "text", nullable: true),
                    Prices = table.Column<string>(type: "text", nullable: false),
                    AddOns = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions_plans", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions_subscriptions",
                schema: "subscriptions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    AccountCode = table.Column<string>(type: "text", nullable: false),
                    PlanCode = table.Column<string>(type: "text", nullable: false),
                    Currency = table.Column<string>(type: "text", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    AddOns = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    PeriodAnchor = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PeriodIndex = table.Column<int>(type: "integer", nullable: false),
                    IntervalLength = table.Column<int>(type: "integer", nullable: false),
                    IntervalUnit = table.Column<string>(type: "text", nullable: false),
                    CurrentPeriodStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CurrentPeriodEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OriginalPrice = table.Column<long>(type: "bigint", nullable: false),
                    PurchasePrice = table.Column<long>(type: "bigint", nullable: false),
                    PaidForRest = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    PaidDays = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TrialEndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CanceledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpireReason = table.Column<string>(type: "text", nullable: true),
                    PendingPlanCode = table.Column<string>(type: "text", nullable: true),
                    PendingQuantity = table.Column<int>(type: "integer", nullable: true),
                    PriceOverride = table.Column<long>(type: "bigint", nullable: true),
                    PaymentType = table.Column<string>(type: "text", nullable: true),
                    ChargedBy = table.Column<string>(type: "text", nullable: true),
                    DiscountCodeName = table.Column<string>(type: "text", nullable: true),
                    ExternalCouponCode = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions_subscriptions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_outbox_EventId",
                schema: "subscriptions",
                table: "subscriptions_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_outbox_ProcessedAt",
                schema: "subscriptions",
                table: "subscriptions_outbox",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_subscriptions_AccountCode",
                schema: "subscriptions",
                table: "subscriptions_subscriptions",
                column: "AccountCode");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_subscriptions_State_CurrentPeriodEnd",
                schema: "subscriptions",
                table: "subscriptions_subscriptions",
                columns: new[] { "State", "CurrentPeriodEnd" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "subscriptions_accounts",
                schema: "subscriptions");

            migrationBuilder.DropTable(
                name: "subscriptions_inbox",
                schema: "subscriptions");

            migrationBuilder.DropTable(
                name: "subscriptions_outbox",
                schema: "subscriptions");

            migrationBuilder.DropTable(
                name: "subscriptions_packages",
                schema: "subscriptions");

            migrationBuilder.DropTable(
                name: "subscriptions_plans",
                schema: "subscriptions");

            migrationBuilder.DropTable(
                name: "subscriptions_subscriptions",
                schema: "subscriptions");
        }
    }
}
