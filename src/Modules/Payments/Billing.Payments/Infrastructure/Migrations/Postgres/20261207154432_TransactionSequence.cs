using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Billing.Payments.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class TransactionSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_payments_transactions",
                schema: "payments",
                table: "payments_transactions");

            migrationBuilder.DropIndex(
                name: "IX_payments_transactions_InvoiceNumber_CreatedAt",
                schema: "payments",
                table: "payments_transactions");

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                schema: "payments",
                table: "payments_transactions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            // Added by hand: the identity numbers existing rows in scan order; number them in their old list order
            // (created, then id), as SQLite's TransactionSequence does. The identity has handed out as many values.
            migrationBuilder.Sql("""
                UPDATE payments.payments_transactions AS t SET "Sequence" = o.position
                FROM (SELECT "Id", ROW_NUMBER() OVER (ORDER BY "CreatedAt", "Id") AS position FROM payments.payments_transactions) AS o
                WHERE t."Id" = o."Id";
                """);

            migrationBuilder.AddPrimaryKey(
                name: "PK_payments_transactions",
                schema: "payments",
                table: "payments_transactions",
                column: "Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_payments_transactions_Id",
                schema: "payments",
                table: "payments_transactions",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_transactions_InvoiceNumber_Sequence",
                schema: "payments",
                table: "payments_transactions",
                columns: new[] { "InvoiceNumber", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_payments_transactions",
                schema: "payments",
                table: "payments_transactions");

            migrationBuilder.DropIndex(
                name: "IX_payments_transactions_Id",
                schema: "payments",
                table: "payments_transactions");

            migrationBuilder.DropIndex(
                name: "IX_payments_transactions_InvoiceNumber_Sequence",
                schema: "payments",
                table: "payments_transactions");

            migrationBuilder.DropColumn(
                name: "Sequence",
                schema: "payments",
                table: "payments_transactions");

            migrationBuilder.AddPrimaryKey(
                name: "PK_payments_transactions",
                schema: "payments",
                table: "payments_transactions",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_payments_transactions_InvoiceNumber_CreatedAt",
                schema: "payments",
                table: "payments_transactions",
                columns: new[] { "InvoiceNumber", "CreatedAt" });
        }
    }
}
