using Billing.SharedKernel;

namespace Billing.Invoicing.Contracts;

/// <summary>An add-on and its quantity in a would-be purchase.</summary>
public sealed record PreviewAddOn(string Code, int Quantity);

/// <summary>
/// I7: an invoice computed by the same engine as <see cref="GenerateInvoice"/> but never saved: no number is
/// taken, nothing is redeemed, recorded or published. Exactly one of two shapes:
/// <list type="bullet">
/// <item><paramref name="SubscriptionId"/> alone: the subscription's next invoice (the period after the current
/// one, or the first paid period after a trial) with the redemptions that will still apply at its start;</item>
/// <item><paramref name="PlanCode"/> + <paramref name="Currency"/> (+ <paramref name="CouponCode"/>,
/// <paramref name="Quantity"/>, <paramref name="AddOns"/>, <paramref name="AccountCode"/>): the first invoice of a
/// would-be subscription, with the coupon as if redeemed at purchase (R6). Without an account there is no tax;</item>
/// <item><paramref name="PackageCode"/> + <paramref name="Currency"/> (+ <paramref name="CouponCode"/>,
/// <paramref name="AccountCode"/>): the one-time invoice a purchase of the package would get (S7), with the coupon as
/// if redeemed on the account at purchase, refused with <c>package_not_eligible</c> when it cannot discount a one-time
/// charge (C7).</item>
/// </list>
/// </summary>
/// <remarks>Every field is optional, so a caller names the ones its shape takes (<c>new PreviewInvoice(SubscriptionId: id)</c>).</remarks>
public sealed record PreviewInvoice(
    string? SubscriptionId = null,
    string? PlanCode = null,
    string? Currency = null,
    string? CouponCode = null,
    int? Quantity = null,
    IReadOnlyList<PreviewAddOn>? AddOns = null,
    string? AccountCode = null,
    string? PackageCode = null) : IQuery<InvoiceDto>;
