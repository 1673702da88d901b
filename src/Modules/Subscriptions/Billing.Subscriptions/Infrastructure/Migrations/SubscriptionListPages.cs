using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Billing.Subscriptions.Infrastructure.Migrations;

/// <summary>
/// Issue 16: the indexes the module's lists page on, so every page is an index seek after its cursor, never an
/// offset. The subscriptions' account index gains the page order (it still serves every lookup by account).
/// </summary>
[DbContext(typeof(SubscriptionsDbContext))]
[Migration("20261204190000_SubscriptionListPages")]
internal sealed class SubscriptionListPages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX "IX_subscriptions_accounts_CreatedAt_Code" ON "subscriptions_accounts" ("CreatedAt", "Code");
            CREATE INDEX "IX_subscriptions_accounts_Country_CreatedAt_Code" ON "subscriptions_accounts" ("Country", "CreatedAt", "Code");
            DROP INDEX "IX_subscriptions_subscriptions_AccountCode";
            CREATE INDEX "IX_subscriptions_subscriptions_AccountCode_CreatedAt_Id" ON "subscriptions_subscriptions" ("AccountCode", "CreatedAt", "Id");
            CREATE INDEX "IX_subscriptions_subscriptions_CreatedAt_Id" ON "subscriptions_subscriptions" ("CreatedAt", "Id");
            CREATE INDEX "IX_subscriptions_subscriptions_PlanCode_CreatedAt_Id" ON "subscriptions_subscriptions" ("PlanCode", "CreatedAt", "Id");
            CREATE INDEX "IX_subscriptions_plans_CreatedAt_Code" ON "subscriptions_plans" ("CreatedAt", "Code");
            CREATE INDEX "IX_subscriptions_packages_CreatedAt_Code" ON "subscriptions_packages" ("CreatedAt", "Code");
            """);
    }
}
