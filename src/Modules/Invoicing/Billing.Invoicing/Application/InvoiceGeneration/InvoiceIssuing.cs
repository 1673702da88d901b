using Billing.Coupons.Contracts;
using Billing.Invoicing.Application.Building;
using Billing.Invoicing.Application.Lifecycle;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;

namespace Billing.Invoicing.Application.InvoiceGeneration;

/// <summary>What issuing an invoice means, however many are issued at once.</summary>
internal static class InvoiceIssuing
{
    public static InvoiceKind KindOf(GenerateInvoice request) =>
        request.SubscriptionId is not null && request.PeriodStart is not null ? InvoiceKind.Period : InvoiceKind.OneTime;

    public static InvoiceDraft DraftOf(GenerateInvoice request) => new(
        KindOf(request),
        request.AccountCode,
        request.SubscriptionId,
        request.PlanCode,
        request.Currency,
        request.PeriodStart,
        request.PeriodEnd,
        request.TaxRatePercent,
        request.IsTrial,
        request.Lines);

    public static InvoiceIssued IssuedEvent(Invoice invoice, IReadOnlyList<RedemptionDiscount> applied, DateTimeOffset now) => new(
        Guid.NewGuid(),
        now,
        invoice.Number,
        invoice.AccountCode,
        invoice.SubscriptionId,
        invoice.Currency,
        invoice.Total,
        InvoiceCalculator.MoneyOf(invoice.Total, invoice.Currency).ToMajor(),
        invoice.PeriodStart,
        invoice.PeriodEnd,
        applied);

    /// <summary>P1: an invoice that asks for nothing is paid at issue; answers its event, or null while it is pending.</summary>
    public static InvoicePaid? SettleAtIssue(Invoice invoice, DateTimeOffset now)
    {
        invoice.SettleIfNothingDue(now);
        return invoice.State == Invoice.Paid ? InvoiceLifecycle.PaidEvent(invoice, now) : null;
    }

    /// <summary>R3 + R5: what Coupons records for the issued invoice, with the subscription period it bills (a change invoice's is the current one).</summary>
    public static RecordInvoiceDiscounts Recording(Invoice invoice, IReadOnlyList<RedemptionDiscount> applied) =>
        new(invoice.Number, invoice.Currency, invoice.SubscriptionId, invoice.Kind == InvoiceKind.Period ? invoice.PeriodStart : null, applied.Select(a => new AppliedRedemption(a.RedemptionId, a.AmountMinor)).ToList());
}
