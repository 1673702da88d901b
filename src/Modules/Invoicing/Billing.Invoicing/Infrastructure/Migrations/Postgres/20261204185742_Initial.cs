using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Billing.Invoicing.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "invoicing");

            migrationBuilder.CreateTable(
                name: "invoicing_credit_balances",
                schema: "invoicing",
                columns: table => new
                {
                    AccountCode = table.Column<string>(type: "text", nullable: false),
                    Currency = table.Column<string>(type: "text", nullable: false),
                    Balance = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_credit_balances", x => new { x.AccountCode, x.Currency });
                    table.CheckConstraint("CK_invoicing_credit_balances_never_negative", "\"Balance\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "invoicing_credit_ledger",
                schema: "invoicing",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountCode = table.Column<string>(type: "text", nullable: false),
                    Currency = table.Column<string>(type: "text", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    InvoiceNumber = table.Column<long>(type: "bigint", nullable: false),
                    BalanceAfter = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_credit_ledger", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_inbox",
                schema: "invoicing",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Handler = table.Column<string>(type: "text", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_inbox", x => new { x.EventId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "invoicing_invoices",
                schema: "invoicing",
                columns: table => new
                {
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    AccountCode = table.Column<string>(type: "text", nullable: false),
                    SubscriptionId = table.Column<string>(type: "text", nullable: true),
                    PlanCode = table.Column<string>(type: "text", nullable: true),
                    Currency = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    IsTrial = table.Column<bool>(type: "boolean", nullable: false),
                    PeriodStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PeriodEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TaxRatePercent = table.Column<decimal>(type: "numeric", nullable: false),
                    Subtotal = table.Column<long>(type: "bigint", nullable: false),
                    DiscountTotal = table.Column<long>(type: "bigint", nullable: false),
                    TaxTotal = table.Column<long>(type: "bigint", nullable: false),
                    Total = table.Column<long>(type: "bigint", nullable: false),
                    CouponCodes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Notes = table.Column<string>(type: "text", nullable: true),
                    CreditApplied = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    AmountPaid = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    PaidAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Payments = table.Column<string>(type: "text", nullable: false, defaultValueSql: "'[]'"),
                    AmountRefunded = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    RefundsInvoiceNumber = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_invoices", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_outbox",
                schema: "invoicing",
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
                    table.PrimaryKey("PK_invoicing_outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_sequences",
                schema: "invoicing",
                columns: table => new
                {
                    Name = table.Column<string>(type: "text", nullable: false),
                    NextValue = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_sequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_invoice_lines",
                schema: "invoicing",
                columns: table => new
                {
                    Position = table.Column<int>(type: "integer", nullable: false),
                    InvoiceNumber = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    UnitAmount = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Discount = table.Column<long>(type: "bigint", nullable: false),
                    Tax = table.Column<long>(type: "bigint", nullable: false),
                    Total = table.Column<long>(type: "bigint", nullable: false),
                    Discounts = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_invoice_lines", x => new { x.InvoiceNumber, x.Position });
                    table.ForeignKey(
                        name: "FK_invoicing_invoice_lines_invoicing_invoices_InvoiceNumber",
                        column: x => x.InvoiceNumber,
                        principalSchema: "invoicing",
                        principalTable: "invoicing_invoices",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                schema: "invoicing",
                table: "invoicing_sequences",
                columns: new[] { "Name", "NextValue" },
                values: new object[] { "invoice", 1L });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_credit_ledger_AccountCode_Id",
                schema: "invoicing",
                table: "invoicing_credit_ledger",
                columns: new[] { "AccountCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoices_AccountCode",
                schema: "invoicing",
                table: "invoicing_invoices",
                column: "AccountCode");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_invoices_SubscriptionId_PeriodStart",
                schema: "invoicing",
                table: "invoicing_invoices",
                columns: new[] { "SubscriptionId", "PeriodStart" },
                unique: true,
                filter: "\"Kind\" = 'period'");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_outbox_EventId",
                schema: "invoicing",
                table: "invoicing_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_outbox_ProcessedAt",
                schema: "invoicing",
                table: "invoicing_outbox",
                column: "ProcessedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invoicing_credit_balances",
                schema: "invoicing");

            migrationBuilder.DropTable(
                name: "invoicing_credit_ledger",
                schema: "invoicing");

            migrationBuilder.DropTable(
                name: "invoicing_inbox",
                schema: "invoicing");

            migrationBuilder.DropTable(
                name: "invoicing_invoice_lines",
                schema: "invoicing");

            migrationBuilder.DropTable(
                name: "invoicing_outbox",
                schema: "invoicing");

            migrationBuilder.DropTable(
                name: "invoicing_sequences",
                schema: "invoicing");

            migrationBuilder.DropTable(
                name: "invoicing_invoices",
                schema: "invoicing");
        }
    }
}
