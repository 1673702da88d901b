using Billing.Coupons.Contracts;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.SharedKernel;

namespace Billing.Invoicing.Application.Building;

/// <summary>What an invoice is built from, whoever asks for it: who and which period is billed, the tax rate (I4) and the priced lines (I2).</summary>
internal sealed record InvoiceDraft(
    InvoiceKind Kind,
    string AccountCode,
    string? SubscriptionId,
    string? PlanCode,
    string Currency,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    decimal TaxRatePercent,
    bool IsTrial,
    IReadOnlyList<ChargeLine> Lines);

/// <summary>A computed invoice, not saved, and what each redemption that applied took off it (R3, R5).</summary>
internal sealed record BuiltInvoice(Invoice Invoice, IReadOnlyList<RedemptionDiscount> Applied);

/// <summary>
/// The one way an invoice is computed (I2–I4, I7): lines, the redemptions Coupons says apply, the discount engine,
/// then tax. <see cref="GenerateInvoice"/> saves what it builds; the previews only show it, so a preview is
/// exactly the invoice that would be issued.
/// </summary>
internal static class InvoiceBuilder
{
    /// <summary>
    /// The question to Coupons: which redemptions apply, asked at the start of the billed period — a temporal
    /// redemption discounts every period that starts before it ends, however late the bill run (R5) — or at
    /// <paramref name="now"/> for an invoice of one-time charges.
    /// </summary>
    public static GetApplicableDiscounts ApplicableDiscountsFor(InvoiceDraft draft, DateTimeOffset now) =>
        new(draft.AccountCode, draft.SubscriptionId, draft.PlanCode, draft.Currency, draft.PeriodStart ?? now);

    public static BuiltInvoice Build(InvoiceDraft draft, ApplicableDiscounts applicable, DateTimeOffset createdAt, string state)
    {
        var invoice = new Invoice
        {
            Kind = draft.Kind,
            AccountCode = draft.AccountCode,
            SubscriptionId = draft.SubscriptionId,
            PlanCode = draft.PlanCode,
            Currency = draft.Currency,
            State = state,
            IsTrial = draft.IsTrial,
            PeriodStart = draft.PeriodStart,
            PeriodEnd = draft.PeriodEnd,
            CreatedAt = createdAt,
            TaxRatePercent = draft.TaxRatePercent,
        };
        var lines = draft.Lines
            .Select(l => new DraftLine(l.Type, l.Code, l.Description, l.Quantity, l.UnitAmountMinor))
            .ToList();
        var coupons = applicable.Discounts
            .Select(d => new CouponDiscount(d.RedemptionId, d.CouponCode, d.DiscountType == DiscountType.Percent, d.Percent ?? 0, d.FixedAmountMinor ?? 0, d.AppliesToOneTimeCharges, d.RedeemedAt, d.Sequence))
            .ToList();
        var settings = applicable.Settings;
        var policy = new StackingPolicy(settings.OneTimeChargesDiscountable, settings.StackingOrder == StackingOrder.FixedFirst, settings.PercentMode == PercentMode.Compound);
        var outcome = InvoiceCalculator.Calculate(
            invoice,
            lines,
            coupons,
            policy,
            applicable.Discounts.ToDictionary(d => d.RedemptionId, d => d.InvoiceDescription));
        var applied = outcome.Applied.Select(c => new RedemptionDiscount(c.RedemptionId, outcome.DiscountBy(c.RedemptionId))).ToList();
        return new BuiltInvoice(invoice, applied);
    }
}
