using Billing.Subscriptions.Domain;
using Xunit;

namespace Billing.Subscriptions.Tests;

/// <summary>S1/S3: a plan sells only in a currency it and each chosen add-on are priced in (issue 22 item 2: the rule on the plan).</summary>
public sealed class PlanSaleRulesTests
{
    private static readonly Plan Plan = new()
    {
        Code = "pro",
        IntervalLength = 1,
        IntervalUnit = IntervalUnit.Month,
        Prices = new() { ["USD"] = new PlanPrice(10_00, 0), ["EUR"] = new PlanPrice(9_00, 0) },
        AddOns = [new PlanAddOn("seat", "Seat", new() { ["USD"] = 2_00 })],
    };

    [Fact]
    public void A_plan_and_its_add_ons_sell_in_a_currency_they_are_all_priced_in()
    {
        Assert.Null(Plan.RefusalToSell("USD", ["seat"]));
        Assert.Null(Plan.RefusalToSell("EUR", []));
    }

    [Fact]
    public void The_first_unpriced_or_unknown_part_is_refused_plan_first()
    {
        Assert.Equal("currency_not_supported", Plan.RefusalToSell("GBP", ["seat"])?.Code);
        Assert.Equal("add_on_not_found", Plan.RefusalToSell("USD", ["seat", "storage"])?.Code);
        var unpriced = Plan.RefusalToSell("EUR", ["seat"]);
        Assert.Equal("currency_not_supported", unpriced?.Code);
        Assert.Contains("seat", unpriced?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_subscriber_is_refused_an_archived_plan_before_its_prices_are_looked_at_issue_16()
    {
        var archived = new Plan { Code = "old", IntervalLength = 1, IntervalUnit = IntervalUnit.Month };
        Assert.Null(archived.Archive(DateTimeOffset.UnixEpoch));

        Assert.Equal("plan_archived", archived.RefusalToSubscribe("USD", [])?.Code);
        Assert.Equal("currency_not_supported", Plan.RefusalToSubscribe("GBP", [])?.Code);
        Assert.Null(Plan.RefusalToSubscribe("USD", ["seat"]));
    }
}
