using Billing.Invoicing.Contracts;
using Billing.SharedKernel;

namespace Billing.Subscriptions.Contracts;

/// <summary>
/// The charges of an invoice that has not been generated yet, priced by Subscriptions for Invoicing's preview
/// (I7): who is billed, for which period, at which tax rate, and the lines in invoice order (I2), minor units.
/// <paramref name="SubscriptionId"/> and <paramref name="AccountCode"/> are null for a would-be purchase made
/// without an account (its tax rate is then 0).
/// </summary>
public sealed record UpcomingCharges(
    string? SubscriptionId,
    string? AccountCode,
    string PlanCode,
    string Currency,
    decimal TaxRatePercent,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    bool IsTrial,
    IReadOnlyList<ChargeLine> Lines);

/// <summary>
/// I7: the charges of a subscription's next invoice — the period after the current one (or the first paid period
/// after a trial): plan fee × quantity and add-ons, no setup fee — exactly as the renewal will ask for them (S6).
/// Refused for a subscription that will not renew.
/// </summary>
public sealed record GetUpcomingCharges(string SubscriptionId) : IQuery<UpcomingCharges>;

/// <summary>
/// I7: the charges of the first invoice a new subscription to <paramref name="PlanCode"/> would get now — setup fee
/// included, or the trial invoice for a plan with a trial or a free-trial <paramref name="CouponCode"/> (R9, C4) —
/// without creating anything. With an <paramref name="AccountCode"/>, that account's tax rate applies.
/// </summary>
public sealed record PricePurchase(
    string PlanCode,
    string Currency,
    int Quantity,
    IReadOnlyList<AddOnQuantity>? AddOns,
    string? AccountCode,
    string? CouponCode) : IQuery<UpcomingCharges>;

/// <summary>
/// I7, S7: the one-time charge a purchase of <paramref name="PackageCode"/> in <paramref name="Currency"/> would invoice
/// now, priced as <see cref="ChargeAccount"/> charges it, without charging anything. With an
/// <paramref name="AccountCode"/>, that account's tax rate applies; without one, none. Refused with
/// <c>package_not_found</c>, <c>currency_not_supported</c> or <c>account_not_found</c>.
/// </summary>
public sealed record PricePackage(string PackageCode, string Currency, string? AccountCode) : IQuery<PackageCharges>;

/// <summary>The charges of a would-be one-time invoice (S7): who is billed, the tax rate (I4) and its lines, minor units.</summary>
public sealed record PackageCharges(string? AccountCode, string Currency, decimal TaxRatePercent, IReadOnlyList<ChargeLine> Lines);
