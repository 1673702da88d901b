using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Billing.Coupons.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "coupons");

            migrationBuilder.CreateTable(
                name: "coupons_account_redemptions",
                schema: "coupons",
                columns: table => new
                {
                    CouponId = table.Column<string>(type: "text", nullable: false),
                    AccountCode = table.Column<string>(type: "text", nullable: false),
                    Redemptions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coupons_account_redemptions", x => new { x.CouponId, x.AccountCode });
                });

            migrationBuilder.CreateTable(
                name: "coupons_coupons",
                schema: "coupons",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    NormalizedCode = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    DiscountType = table.Column<string>(type: "text", nullable: false),
                    Percent = table.Column<int>(type: "integer", nullable: true),
                    FixedAmounts = table.Column<string>(type: "text", nullable: false),
                    TrialUnit = table.Column<string>(type: "text", nullable: true),
                    TrialLength = table.Column<int>(type: "integer", nullable: true),
                    DurationType = table.Column<string>(type: "text", nullable: false),
                    DurationAmount = table.Column<int>(type: "integer", nullable: true),
                    DurationUnit = table.Column<string>(type: "text", nullable: true),
                    DurationPeriods = table.Column<int>(type: "integer", nullable: true),
                    MaxRedemptions = table.Column<int>(type: "integer", nullable: true),
                    MaxRedemptionsPerAccount = table.Column<int>(type: "integer", nullable: true),
                    RedeemBy = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AllPlans = table.Column<bool>(type: "boolean", nullable: false),
                    PlanCodes = table.Column<List<string>>(type: "text[]", nullable: false),
                    NonPlanCharges = table.Column<bool>(type: "boolean", nullable: false),
                    RedemptionResource = table.Column<string>(type: "text", nullable: false),
                    CouponType = table.Column<string>(type: "text", nullable: false),
                    UniqueCodeTemplate = table.Column<string>(type: "text", nullable: true),
                    HostedPageDescription = table.Column<string>(type: "text", nullable: true),
                    InvoiceDescription = table.Column<string>(type: "text", nullable: true),
                    Metadata = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    ExpireReason = table.Column<string>(type: "text", nullable: true),
                    TimesRedeemed = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coupons_coupons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coupons_inbox",
                schema: "coupons",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Handler = table.Column<string>(type: "text", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coupons_inbox", x => new { x.EventId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "coupons_outbox",
                schema: "coupons",
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
                    table.PrimaryKey("PK_coupons_outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "coupons_redemptions",
                schema: "coupons",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    CouponId = table.Column<string>(type: "text", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    AccountCode = table.Column<string>(type: "text", nullable: false),
                    SubscriptionId = table.Column<string>(type: "text", nullable: true),
                    Level = table.Column<string>(type: "text", nullable: false),
                    Currency = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    InactiveReason = table.Column<string>(type: "text", nullable: true),
                    Cid = table.Column<string>(type: "text", nullable: true),
                    PeriodsDiscounted = table.Column<int>(type: "integer", nullable: false),
                    DiscountedMinor = table.Column<long>(type: "bigint", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coupons_redemptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coupons_sequences",
                schema: "coupons",
                columns: table => new
                {
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coupons_sequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "coupons_settings",
                schema: "coupons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    MultipleCouponsPerAccount = table.Column<bool>(type: "boolean", nullable: false),
                    OneTimeChargesDiscountable = table.Column<bool>(type: "boolean", nullable: false),
                    StackingOrder = table.Column<string>(type: "text", nullable: false),
                    PercentMode = table.Column<string>(type: "text", nullable: false),
                    TimeZone = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coupons_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "coupons_unique_codes",
                schema: "coupons",
                columns: table => new
                {
                    NormalizedCode = table.Column<string>(type: "text", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    CouponId = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    RedemptionId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RedeemedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coupons_unique_codes", x => x.NormalizedCode);
                });

            migrationBuilder.InsertData(
                schema: "coupons",
                table: "coupons_sequences",
                columns: new[] { "Name", "Value" },
                values: new object[] { "redemption", 0L });

            migrationBuilder.InsertData(
                schema: "coupons",
                table: "coupons_settings",
                columns: new[] { "Id", "MultipleCouponsPerAccount", "OneTimeChargesDiscountable", "PercentMode", "StackingOrder", "TimeZone" },
                values: new object[] { 1, false, false, "full", "percent_first", "UTC" });

            migrationBuilder.CreateIndex(
                name: "IX_coupons_coupons_NormalizedCode",
                schema: "coupons",
                table: "coupons_coupons",
                column: "NormalizedCode",
                unique: true,
                filter: "\"State\" = 'redeemable'");

            migrationBuilder.CreateIndex(
                name: "IX_coupons_coupons_NormalizedCode_AnyState",
                schema: "coupons",
                table: "coupons_coupons",
                column: "NormalizedCode");

            migrationBuilder.CreateIndex(
                name: "IX_coupons_coupons_State_RedeemBy",
                schema: "coupons",
                table: "coupons_coupons",
                columns: new[] { "State", "RedeemBy" });

            migrationBuilder.CreateIndex(
                name: "IX_coupons_outbox_EventId",
                schema: "coupons",
                table: "coupons_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_coupons_outbox_ProcessedAt",
                schema: "coupons",
                table: "coupons_outbox",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_coupons_redemptions_AccountCode_State",
                schema: "coupons",
                table: "coupons_redemptions",
                columns: new[] { "AccountCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_coupons_redemptions_CouponId_AccountCode",
                schema: "coupons",
                table: "coupons_redemptions",
                columns: new[] { "CouponId", "AccountCode" });

            migrationBuilder.CreateIndex(
                name: "IX_coupons_redemptions_Sequence",
                schema: "coupons",
                table: "coupons_redemptions",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_coupons_redemptions_State_EndsAt",
                schema: "coupons",
                table: "coupons_redemptions",
                columns: new[] { "State", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_coupons_unique_codes_CouponId_State",
                schema: "coupons",
                table: "coupons_unique_codes",
                columns: new[] { "CouponId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coupons_account_redemptions",
                schema: "coupons");

            migrationBuilder.DropTable(
                name: "coupons_coupons",
                schema: "coupons");

            migrationBuilder.DropTable(
                name: "coupons_inbox",
                schema: "coupons");

            migrationBuilder.DropTable(
                name: "coupons_outbox",
                schema: "coupons");

            migrationBuilder.DropTable(
                name: "coupons_redemptions",
                schema: "coupons");

            migrationBuilder.DropTable(
                name: "coupons_sequences",
                schema: "coupons");

            migrationBuilder.DropTable(
                name: "coupons_settings",
                schema: "coupons");

            migrationBuilder.DropTable(
                name: "coupons_unique_codes",
                schema: "coupons");
        }
    }
}
