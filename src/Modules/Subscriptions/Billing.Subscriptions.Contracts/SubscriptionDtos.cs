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
/// <c>CollectionMethod</c> the wire name of a <see cref="Contracts.CollectionMethod"/> (P2; <c>automatic</c> unless set).
/// </summary>
public sealed record AccountDto(
    string Code,
    string Email,
    string Country,
    decimal TaxRate,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CreditBalanceDto>? CreditBalances = null,
    string CollectionMethod = "automatic");

/// <summary>
/// P2: how an account's invoices are collected; on the wire and in the database by its snake_case name.
/// </summary>
public enum CollectionMethod
{
    /// <summary>
    /// The default: charges the account's payment method when an invoice is issued — an account without one has
    /// nothing to charge, so its invoices wait for a recorded payment or a card, as a manual account's do.
    /// </summary>
    Automatic,

    /// <summary>Never charges, even with a card on file: the merchant records payments.</summary>
    Manual,
}

/// <summary>S8: when a change of plan or quantity takes effect; on the wire by its snake_case name (<c>now</c>, <c>renewal</c>).</summary>
public enum ChangeTimeframe
{
    /// <summary>At once, prorated and invoiced (the default).</summary>
    Now,

    /// <summary>At the next renewal.</summary>
    Renewal,
}

/// <summary>S9: when a cancellation takes effect; on the wire by its snake_case name (<c>period_end</c>, <c>now</c>).</summary>
public enum CancelTimeframe
{
    /// <summary>When the current period ends (the default).</summary>
    PeriodEnd,

    /// <summary>At once.</summary>
    Now,
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
