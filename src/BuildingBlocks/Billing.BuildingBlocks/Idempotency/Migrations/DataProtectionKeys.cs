using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.BuildingBlocks.Idempotency.Migrations;

/// <summary>
/// Issue 16: the Data Protection key ring's table. PostgreSQL hosts keep their shared keys in it; on SQLite it stays
/// empty (the keys live in a directory beside the database), and exists so that both providers share one model.
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261207160000_DataProtectionKeys")]
internal sealed class DataProtectionKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "platform_data_protection_keys" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_platform_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
                "FriendlyName" TEXT NULL,
                "Xml" TEXT NULL
            );
            """);
    }
}
