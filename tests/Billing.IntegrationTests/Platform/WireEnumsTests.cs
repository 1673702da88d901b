using Billing.Host.OpenApi;
using Billing.SharedKernel;
using CouponsDomain = Billing.Coupons.Domain;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 16: the OpenAPI document's closed sets (<see cref="WireEnums"/>, written out in the host, which cannot see the
/// modules' internal enums) equal their source of truth — the module's enum as <see cref="Wire{TEnum}"/> names it on
/// the wire, or the Contracts' enum — so a state added to a module without its document fails here.
/// </summary>
public sealed class WireEnumsTests
{
    /// <summary>Every set of <see cref="WireEnums"/> and what it must equal.</summary>
    private static readonly Dictionary<(string Type, string Field), IReadOnlyCollection<string>> Sources = new()
    {
        [("DiscountSpec", "type")] = Wire<Coupons.Contracts.DiscountType>.All,
        [("TrialSpec", "unit")] = Wire<Coupons.Contracts.TimeUnit>.All,
        [("DurationSpec", "type")] = Wire<Coupons.Contracts.DurationType>.All,
        [("DurationSpec", "unit")] = Wire<Coupons.Contracts.TimeUnit>.All,
        [("IntervalSpec", "unit")] = Wire<Subscriptions.Domain.IntervalUnit>.All,
        [("CreateCoupon", "redemption_resource")] = Wire<Coupons.Contracts.RedemptionResource>.All,
        [("CreateCoupon", "coupon_type")] = Wire<CouponsDomain.CouponType>.All,
        [("UpdateCouponSettings", "stacking_order")] = Wire<Coupons.Contracts.StackingOrder>.All,
        [("UpdateCouponSettings", "percent_mode")] = Wire<Coupons.Contracts.PercentMode>.All,
        [("CouponSettingsDto", "stacking_order")] = Wire<Coupons.Contracts.StackingOrder>.All,
        [("CouponSettingsDto", "percent_mode")] = Wire<Coupons.Contracts.PercentMode>.All,
        [("ChangeSubscriptionRequest", "timeframe")] = Wire<Subscriptions.Contracts.ChangeTimeframe>.All,
        [("CancelSubscriptionRequest", "timeframe")] = Wire<Subscriptions.Contracts.CancelTimeframe>.All,
        [("CollectionMethodRequest", "collection_method")] = Wire<Subscriptions.Contracts.CollectionMethod>.All,
        [("UpdateAccountRequest", "collection_method")] = Wire<Subscriptions.Contracts.CollectionMethod>.All,
        [("CreateAccount", "collection_method")] = Wire<Subscriptions.Contracts.CollectionMethod>.All,
        [("AccountDto", "collection_method")] = Wire<Subscriptions.Contracts.CollectionMethod>.All,
        [("RefundRequest", "to")] = Wire<Invoicing.Contracts.RefundDestination>.All,
        [("CouponDto", "state")] = Wire<CouponsDomain.CouponState>.All,
        [("CouponDto", "expire_reason")] = Wire<CouponsDomain.ExpireReason>.All,
        [("CouponDto", "redemption_resource")] = Wire<Coupons.Contracts.RedemptionResource>.All,
        [("CouponDto", "coupon_type")] = Wire<CouponsDomain.CouponType>.All,
        [("RedemptionDto", "state")] = Wire<CouponsDomain.RedemptionState>.All,
        [("UniqueCodeDto", "state")] = Wire<CouponsDomain.UniqueCodeState>.All,
        [("SubscriptionDto", "state")] = Wire<Subscriptions.Domain.SubscriptionState>.All,
        [("InvoiceDto", "state")] = Wire<Invoicing.Contracts.InvoiceState>.All,
        [("InvoiceLineDto", "type")] = Wire<Invoicing.Contracts.LineType>.All,
        [("WebhookEndpointDto", "state")] = Wire<Webhooks.Domain.WebhookEndpointState>.All,
        [("WebhookDeliveryDto", "status")] = Wire<Webhooks.Domain.WebhookDeliveryStatus>.All,
    };

    [Fact]
    public void Every_closed_set_of_the_document_equals_its_module_s_or_its_contracts_enum()
    {
        Assert.Equal(Sources.Keys.Order(), WireEnums.Keys.Order());
        var differing = Sources
            .Select(s => (s.Key, Documented: WireEnums.Sets[s.Key], Source: s.Value))
            .Where(s => !s.Documented.Order(StringComparer.Ordinal).SequenceEqual(s.Source.Order(StringComparer.Ordinal)))
            .Select(s => $"{s.Key.Type}.{s.Key.Field}: documented [{string.Join(", ", s.Documented)}], the source has [{string.Join(", ", s.Source)}]")
            .ToList();

        Assert.True(differing.Count == 0, string.Join(Environment.NewLine, differing));
    }
}
