using Billing.Subscriptions.Application;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.TestKit;
using Xunit;

namespace Billing.Subscriptions.Tests;

public sealed class SubscriptionsMappingTests
{
    [Fact]
    public void The_subscriptions_mapping_compiles_with_every_DTO_member_mapped() =>
        MappingAssert.CompilesWithEveryDtoMemberMapped(SubscriptionsMappingConfig.Create());

    [Fact]
    public void A_DTO_member_nothing_maps_fails_the_subscriptions_mapping() =>
        MappingAssert.RefusesADtoMemberNothingMaps<Subscription>(SubscriptionsMappingConfig.Create());

    [Fact]
    public void A_plan_lists_its_prices_by_currency_code_in_major_units_M1()
    {
        var plan = new Plan
        {
            Code = "gold",
            Name = "Gold",
            IntervalLength = 1,
            IntervalUnit = IntervalUnit.Month,
            Prices = new() { ["USD"] = new PlanPrice(1000, 250), ["JPY"] = new PlanPrice(1200, 0) },
            AddOns = [new PlanAddOn("seat", "Seat", new() { ["USD"] = 199 })],
        };

        var dto = plan.ToDto();

        Assert.Equal(new IntervalSpec(1, "month"), dto.Interval);
        Assert.Null(dto.Trial);
        Assert.Equal(new PlanCurrencySpec[] { new("JPY", 1200m, 0m), new("USD", 10m, 2.5m) }, dto.Currencies);
        Assert.Equal([new AddOnCurrencySpec("USD", 1.99m)], Assert.Single(dto.AddOns).Currencies);
    }

    [Fact]
    public void A_subscription_shows_its_prices_in_major_units_and_its_pending_change_and_override_only_when_set_S4_S8()
    {
        var subscription = new Subscription
        {
            Id = "s1",
            PlanCode = "gold",
            Currency = "USD",
            Quantity = 2,
            State = SubscriptionState.InTrial,
            OriginalPrice = 2000,
            PurchasePrice = 1500,
            PendingPlanCode = "silver",
        };

        var dto = subscription.ToDto();

        Assert.Equal(("in_trial", 20m, 15m), (dto.State, dto.OriginalPrice, dto.PurchasePrice));
        Assert.Equal(new PendingChangeDto("silver", 2), dto.PendingChange);
        Assert.Null(dto.PriceOverride);
        Assert.Null(dto.PaymentRequired);

        var partner = new Subscription { Id = "s2", PlanCode = "gold", Currency = "USD", Quantity = 2, State = SubscriptionState.Active };
        partner.ChargePartnerPrice(new PartnerTerms(999, "external", null, null, "PARTNER"));

        var overridden = partner.ToDto();

        Assert.Null(overridden.PendingChange);
        Assert.Equal(new PriceOverrideDto(9.99m, "external", null, null, "PARTNER"), overridden.PriceOverride);
    }
}
