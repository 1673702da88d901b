using Billing.SharedKernel;

namespace Billing.Host.OpenApi;

/// <summary>
/// The closed sets of values that string fields take on the wire, by the type that declares the field and its JSON
/// name. The modules keep these sets as internal enums (Wire&lt;TEnum&gt; names them in snake_case), which the host
/// cannot see, so they are written out here, and <c>WireEnumsTests</c> fails when one differs from its enum as Wire names
/// it (or from the Contracts' enum the rest are built from); <c>OpenApiDocumentTests</c> checks that every entry
/// here is applied to a schema of the document.
/// </summary>
internal static class WireEnums
{
    private static readonly string[] TimeUnits = [.. Enum.GetValues<Coupons.Contracts.TimeUnit>().Select(Wire<Coupons.Contracts.TimeUnit>.Name)];
    private static readonly string[] CollectionMethods = [.. Enum.GetValues<Subscriptions.Contracts.CollectionMethod>().Select(Wire<Subscriptions.Contracts.CollectionMethod>.Name)];
    private static readonly string[] InvoiceStates = [.. Enum.GetValues<Invoicing.Contracts.InvoiceState>().Select(Wire<Invoicing.Contracts.InvoiceState>.Name)];

    internal static readonly Dictionary<(string Type, string Field), string[]> Sets = new()
    {
        [("DiscountSpec", "type")] = ["percent", "fixed", "free_trial"],
        [("TrialSpec", "unit")] = TimeUnits,
        [("DurationSpec", "type")] = [.. Enum.GetValues<Coupons.Contracts.DurationType>().Select(Wire<Coupons.Contracts.DurationType>.Name)],
        [("DurationSpec", "unit")] = TimeUnits,
        [("IntervalSpec", "unit")] = TimeUnits,
        [("CreateCoupon", "redemption_resource")] = ["account", "subscription"],
        [("CreateCoupon", "coupon_type")] = ["single_code", "bulk"],
        [("UpdateCouponSettings", "stacking_order")] = ["percent_first", "fixed_first"],
        [("UpdateCouponSettings", "percent_mode")] = ["full", "compound"],
        [("CouponSettingsDto", "stacking_order")] = ["percent_first", "fixed_first"],
        [("CouponSettingsDto", "percent_mode")] = ["full", "compound"],
        [("ChangeSubscriptionRequest", "timeframe")] = [.. Enum.GetValues<Subscriptions.Contracts.ChangeTimeframe>().Select(Wire<Subscriptions.Contracts.ChangeTimeframe>.Name)],
        [("CancelSubscriptionRequest", "timeframe")] = [.. Enum.GetValues<Subscriptions.Contracts.CancelTimeframe>().Select(Wire<Subscriptions.Contracts.CancelTimeframe>.Name)],
        [("CollectionMethodRequest", "collection_method")] = CollectionMethods,
        [("UpdateAccountRequest", "collection_method")] = CollectionMethods,
        [("CreateAccount", "collection_method")] = CollectionMethods,
        [("AccountDto", "collection_method")] = CollectionMethods,
        [("RefundRequest", "to")] = [.. Enum.GetValues<Invoicing.Contracts.RefundDestination>().Select(Wire<Invoicing.Contracts.RefundDestination>.Name)],
        [("CouponDto", "state")] = ["redeemable", "expired"],
        [("CouponDto", "expire_reason")] = ["manual", "redeem_by", "max_redemptions"],
        [("CouponDto", "redemption_resource")] = ["account", "subscription"],
        [("CouponDto", "coupon_type")] = ["single_code", "bulk"],
        [("RedemptionDto", "state")] = ["active", "inactive"],
        [("UniqueCodeDto", "state")] = ["redeemable", "redeemed", "expired"],
        [("SubscriptionDto", "state")] = ["in_trial", "active", "canceled", "expired"],
        [("InvoiceDto", "state")] = InvoiceStates,
        [("InvoiceLineDto", "type")] = [.. Enum.GetValues<Invoicing.Contracts.LineType>().Select(Wire<Invoicing.Contracts.LineType>.Name)],
        [("WebhookEndpointDto", "state")] = ["enabled", "disabled"],
        [("WebhookDeliveryDto", "status")] = ["pending", "succeeded", "failed"],
    };

    public static IEnumerable<(string Type, string Field)> Keys => Sets.Keys;

    public static string[]? For(Type declaringType, string field) =>
        Sets.TryGetValue((declaringType.Name, field), out var values) ? values : null;

    /// <summary>The closed sets of query parameters, by operation id and parameter name.</summary>
    public static string[]? ForParameter(string? operationId, string parameter) => (operationId, parameter) switch
    {
        ("ListCoupons", "state") => Sets[("CouponDto", "state")],
        ("ListCoupons", "discount_type") => Sets[("DiscountSpec", "type")],
        ("ListCouponRedemptions" or "ListAccountRedemptions", "state") => Sets[("RedemptionDto", "state")],
        ("ListUniqueCodes", "state") => Sets[("UniqueCodeDto", "state")],
        ("ListSubscriptions" or "ListAccountSubscriptions", "state") => Sets[("SubscriptionDto", "state")],
        ("ListInvoices", "state") => InvoiceStates,
        ("ListWebhookEndpoints", "state") => Sets[("WebhookEndpointDto", "state")],
        _ => null,
    };
}
