using System.Text.Json.Serialization;

namespace Billing.Host.Recurly;

// Response shapes of API v2021-02-25, holding only members the official clients' resource classes declare (strict
// mode throws on any other). Value objects (discount, pricing, address, remaining duration) carry no `object`.

internal sealed record RecurlyDiscountPricing(string Currency, decimal Amount);

internal sealed record RecurlyDiscountTrial(string Unit, int Length);

internal sealed record RecurlyDiscount(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Percent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RecurlyDiscountPricing>? Currencies,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RecurlyDiscountTrial? Trial);

internal sealed record RecurlyPlanMini(string Id, string Code, string? Name)
{
    [JsonPropertyName("object")]
    public string Object => "plan";
}

internal sealed record RecurlyCoupon(
    string Id,
    string Code,
    string Name,
    string State,
    string CouponType,
    RecurlyDiscount Discount,
    string? Duration,
    string? TemporalUnit,
    int? TemporalAmount,
    string? FreeTrialUnit,
    int? FreeTrialAmount,
    int? MaxRedemptions,
    int? MaxRedemptionsPerAccount,
    string? UniqueCodeTemplate,
    int? UniqueCouponCodesCount,
    bool AppliesToAllPlans,
    IReadOnlyList<RecurlyPlanMini>? Plans,
    bool AppliesToNonPlanCharges,
    string RedemptionResource,
    string? HostedPageDescription,
    string? InvoiceDescription,
    DateTime? RedeemBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ExpiredAt)
{
    [JsonPropertyName("object")]
    public string Object => "coupon";
}

internal sealed record RecurlyCouponMini(string Id, string Code, string Name, string State, string CouponType, RecurlyDiscount Discount, DateTime? ExpiredAt)
{
    [JsonPropertyName("object")]
    public string Object => "coupon";
}

internal sealed record RecurlyUniqueCouponCode(
    string Id,
    string Code,
    string State,
    string BulkCouponId,
    string BulkCouponCode,
    DateTime? RedeemedAt,
    DateTime? ExpiredAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    [JsonPropertyName("object")]
    public string Object => "unique_coupon_code";
}

internal sealed record RecurlyUniqueCouponCodeParams(int Limit, string Order, string Sort, DateTime BeginTime)
{
    [JsonPropertyName("object")]
    public string Object => "unique_coupon_code_params";
}

internal sealed record RecurlyUniqueCouponCodeGeneration(IReadOnlyList<RecurlyUniqueCouponCode> UniqueCouponCodes)
{
    [JsonPropertyName("object")]
    public string Object => "unique_coupon_code_generation_response";
}

internal sealed record RecurlyAddress(string? Country);

internal sealed record RecurlyAccount(
    string Id,
    string Code,
    string State,
    string Email,
    string? FirstName,
    string? LastName,
    string? Company,
    RecurlyAddress Address,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt)
{
    [JsonPropertyName("object")]
    public string Object => "account";
}

internal sealed record RecurlyAccountMini(string Id, string Code, string? Email)
{
    [JsonPropertyName("object")]
    public string Object => "account";
}

internal sealed record RecurlyRemainingDuration(string Type, int? RedemptionsRemaining);

internal sealed record RecurlyCouponRedemption(
    string Id,
    string Uuid,
    RecurlyAccountMini Account,
    string? SubscriptionId,
    RecurlyCoupon Coupon,
    string State,
    string Currency,
    decimal Discounted,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? RemovedAt)
{
    [JsonPropertyName("object")]
    public string Object => "coupon_redemption";
}

internal sealed record RecurlyCouponRedemptionMini(string Id, RecurlyCouponMini Coupon, string State, decimal Discounted, DateTime CreatedAt)
{
    [JsonPropertyName("object")]
    public string Object => "coupon_redemption";
}

internal sealed record RecurlyPlanPricing(string Currency, decimal UnitAmount, decimal SetupFee);

internal sealed record RecurlySetupPricing(string Currency, decimal UnitAmount);

internal sealed record RecurlyPlan(
    string Id,
    string Code,
    string Name,
    string State,
    IReadOnlyList<RecurlyPlanPricing> Currencies,
    IReadOnlyList<RecurlySetupPricing> SetupFees,
    string IntervalUnit,
    int IntervalLength,
    string TrialUnit,
    int TrialLength,
    bool AutoRenew,
    int? TotalBillingCycles,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt)
{
    [JsonPropertyName("object")]
    public string Object => "plan";
}

internal sealed record RecurlyAddOnPricing(string Currency, decimal UnitAmount);

internal sealed record RecurlyAddOn(
    string Id,
    string PlanId,
    string Code,
    string Name,
    string State,
    string AddOnType,
    int DefaultQuantity,
    bool Optional,
    IReadOnlyList<RecurlyAddOnPricing> Currencies,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt)
{
    [JsonPropertyName("object")]
    public string Object => "add_on";
}

internal sealed record RecurlyAddOnMini(string Id, string Code, string Name)
{
    [JsonPropertyName("object")]
    public string Object => "add_on";
}

internal sealed record RecurlySubscriptionAddOn(string Id, RecurlyAddOnMini AddOn, string SubscriptionId, int Quantity, decimal? UnitAmount, DateTime CreatedAt)
{
    [JsonPropertyName("object")]
    public string Object => "subscription_add_on";
}

internal sealed record RecurlySubscription(
    string Id,
    string Uuid,
    RecurlyAccountMini Account,
    RecurlyPlanMini Plan,
    string State,
    string Currency,
    decimal? UnitAmount,
    int Quantity,
    IReadOnlyList<RecurlySubscriptionAddOn> AddOns,
    decimal Subtotal,
    decimal Total,
    IReadOnlyList<RecurlyCouponRedemptionMini> CouponRedemptions,
    DateTime CurrentPeriodStartedAt,
    DateTime CurrentPeriodEndsAt,
    DateTime ActivatedAt,
    DateTime? TrialStartedAt,
    DateTime? TrialEndsAt,
    DateTime? CanceledAt,
    DateTime? ExpiresAt,
    string CollectionMethod,
    bool AutoRenew,
    string? ActiveInvoiceId,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    [JsonPropertyName("object")]
    public string Object => "subscription";
}

internal sealed record RecurlyLineItemDiscount(string? CouponId, string? CouponRedemptionId, int OrderApplied, decimal DiscountAmount, string Currency)
{
    [JsonPropertyName("object")]
    public string Object => "line_item_discount";
}

internal sealed record RecurlyLineItem(
    string? Id,
    string? Uuid,
    string Type,
    string State,
    string Origin,
    string Description,
    string Currency,
    int Quantity,
    decimal UnitAmount,
    decimal Subtotal,
    decimal Discount,
    IReadOnlyList<RecurlyLineItemDiscount> Discounts,
    decimal Tax,
    decimal Amount,
    string? PlanCode,
    string? AddOnCode,
    string? SubscriptionId,
    string? InvoiceId,
    string? InvoiceNumber,
    DateTime? StartDate,
    DateTime? EndDate,
    DateTime CreatedAt)
{
    [JsonPropertyName("object")]
    public string Object => "line_item";
}

internal sealed record RecurlyInvoice(
    string? Id,
    string? Uuid,
    string Type,
    string Origin,
    string State,
    RecurlyAccountMini? Account,
    IReadOnlyList<string> SubscriptionIds,
    string? Number,
    string CollectionMethod,
    string Currency,
    decimal Subtotal,
    decimal Discount,
    decimal SubtotalAfterDiscount,
    decimal Tax,
    decimal Total,
    decimal Paid,
    decimal Balance,
    IReadOnlyList<RecurlyCouponRedemptionMini> CouponRedemptions,
    IReadOnlyList<RecurlyLineItem> LineItems,
    bool HasMoreLineItems,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DueAt,
    DateTime? ClosedAt)
{
    [JsonPropertyName("object")]
    public string Object => "invoice";
}

internal sealed record RecurlyInvoiceCollection(RecurlyInvoice ChargeInvoice, IReadOnlyList<RecurlyInvoice> CreditInvoices)
{
    [JsonPropertyName("object")]
    public string Object => "invoice_collection";
}
