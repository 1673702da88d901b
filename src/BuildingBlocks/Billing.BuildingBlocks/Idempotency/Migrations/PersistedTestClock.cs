using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.BuildingBlocks.Idempotency.Migrations;

/// <summary>
/// Issue 14 item 2: the test clock's instant is stored (one row), so that a restarted host resumes where the clock
/// was instead of at the real time, which may be before it: time never moves backwards (API.md).
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261204192000_PersistedTestClock")]
internal sealed class PersistedTestClock : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "platform_test_clock" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_platform_test_clock" PRIMARY KEY,
                "Now" TEXT NOT NULL
            );
            """);
    }
}
