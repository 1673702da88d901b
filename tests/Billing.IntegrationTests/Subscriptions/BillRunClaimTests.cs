using Billing.BuildingBlocks.Persistence;
using Billing.Subscriptions.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// S6 on several hosts (issue 19): on PostgreSQL the bill run claims its batch of due subscriptions with
/// FOR UPDATE SKIP LOCKED, so two runs at once renew disjoint batches instead of both taking the same rows.
/// </summary>
public sealed class BillRunClaimTests
{
    [PostgresOnlyFact]
    public async Task Two_bill_runs_at_once_claim_disjoint_batches_of_the_due_subscriptions_S6()
    {
        using var api = new BillingApiFactory();
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        DateTimeOffset periodEnd = default;
        for (int i = 0; i < 4; i++)
        {
            await scenario.Account(scenario.Code($"acct{i}"));
            var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = scenario.Code($"acct{i}"), plan_code = scenario.Code("plan"), currency = "USD" }).Created();
            periodEnd = subscription.GetProperty("current_period_end").GetDateTimeOffset();
        }

        var now = periodEnd.AddMinutes(1);
        await using var first = api.Services.CreateAsyncScope();
        await using var second = api.Services.CreateAsyncScope();
        List<string> firstBatch = [], secondBatch = [];
        await first.ServiceProvider.GetRequiredService<DbSession>().InTransactionAsync(async () =>
        {
            firstBatch = [.. (await first.ServiceProvider.GetRequiredService<SubscriptionsDbContext>().DueForRenewalAsync(now, [], 2, CancellationToken.None)).Select(s => s.Id)];
            await second.ServiceProvider.GetRequiredService<DbSession>().InTransactionAsync(async () =>
                secondBatch = [.. (await second.ServiceProvider.GetRequiredService<SubscriptionsDbContext>().DueForRenewalAsync(now, [], 2, CancellationToken.None)).Select(s => s.Id)]);
        });

        Assert.Equal(2, firstBatch.Count);
        Assert.Equal(2, secondBatch.Count);
        Assert.Empty(firstBatch.Intersect(secondBatch));
    }
}
