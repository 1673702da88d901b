using Billing.Invoicing.Contracts;

namespace Billing.Subscriptions.Contracts;

public sealed record PlanDto(
    string Code,
    string Name,
    IntervalSpec Interval,
    IntervalSpec? Trial,
    IReadOnlyList<PlanCurrencySpec> Currencies,
    IReadOnlyList<AddOnSpec> AddOns,
    DateTimeOffset CreatedAt,
    string State = PlanStates.Active,
    DateTimeOffset? ArchivedAt = null);

/// <summary>Issue 16: a plan is <c>active</c> (takes new subscriptions) or <c>archived</c> (does not).</summary>
public static class PlanStates
{
    public const string Active = "active";
    public const string Archived = "archived";
}

/// <summary>
/// An account; <c>CreditBalances</c> (P5) when read with them (<see cref="GetAccount"/> with credit), else null;
/// <c>CollectionMethod</c> one of <see cref="CollectionMethods"/> (P2).
/// </summary>
public sealed record AccountDto(
    string Code,
    string Email,
    string Country,
    decimal TaxRate,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CreditBalanceDto>? CreditBalances = null,
    string CollectionMethod = CollectionMethods.Automatic);

/// <summary>
/// P2: how an account's invoices are collected. <c>automatic</c> (the default) charges the account's payment method when
/// an invoice is issued — an account without one has nothing to charge, so its invoices wait for a recorded payment or a
/// card, as a manual account's do; <c>manual</c> never charges, even with a card on file: the merchant records payments.
/// </summary>
public static class CollectionMethods
{
    public const string Automatic = "automatic";
    public const string Manual = "manual";

    public static bool IsKnown(string? method) => method is Automatic or Manual;
}

/// <summary>S8: when a change of plan or quantity takes effect: now (prorated) or at the next renewal.</summary>
public static class ChangeTimeframes
{
    public const string Now = "now";
    public const string Renewal = "renewal";

    public static bool IsKnown(string? timeframe) => timeframe is Now or Renewal;
}

/// <summary>S9: when a cancellation takes effect: at the end of the current period or now.</summary>
public static class CancelTimeframes
{
    public const string PeriodEnd = "period_end";
    public const string Now = "now";

    public static bool IsKnown(string? timeframe) => timeframe is PeriodEnd or Now;
}

/// <summary>
/// A subscription. <c>PaymentRequired</c> comes with the first invoice: false when it totals zero, so the
/// purchase needs no payment method and the subscription is active at once (S5).
/// </summary>
public sealed record SubscriptionDto(
    string Id,
    string AccountCode,
    string PlanCode,
    string Currency,
    int Quantity,
    IReadOnlyList<AddOnQuantity> AddOns,
    string State,
    DateTimeOffset CurrentPeriodStart,
    DateTimeOffset CurrentPeriodEnd,
    decimal OriginalPrice,
    decimal PurchasePrice,
    DateTimeOffset CreatedAt,
    DateTimeOffset? TrialEndsAt,
    DateTimeOffset? CanceledAt,
    DateTimeOffset? ExpiresAt,
    PendingChangeDto? PendingChange,
    PriceOverrideDto? PriceOverride,
    bool? PaymentRequired,
    InvoiceDto? Invoice,
    string? ExpireReason);

/// <summary>A change that takes effect at the next renewal (S8).</summary>
public sealed record PendingChangeDto(string PlanCode, int Quantity);

/// <summary>What a price override recorded (S4).</summary>
public sealed record PriceOverrideDto(decimal Price, string PaymentType, string? ChargedBy, string? DiscountCodeName, string? CouponCode);

public sealed record PackageDto(string Code, string Name, IReadOnlyList<AddOnCurrencySpec> Currencies, DateTimeOffset CreatedAt);

/// <summary>What a renewal run did: subscriptions renewed, invoices issued, renewals failed, and subscriptions canceled at period end that it expired (S9).</summary>
public sealed record RenewalCounts(int Renewed, int Invoiced, int Failed, int Expired);
