using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.SharedKernel;

namespace Billing.Invoicing.Application;

/// <summary>
/// The invoice as the API shows it: amounts in major units of its currency (M1); a preview has no number and, when
/// it is the purchase of someone without an account, no account code (I7).
/// </summary>
internal static class InvoiceMapping
{
    public static InvoiceDto ToDto(this Invoice invoice)
    {
        var currency = Currency.Of(invoice.Currency);
        decimal Major(long minor) => new Money(minor, currency).ToMajor();
        return new InvoiceDto(
            invoice.IsPreview ? null : invoice.Number,
            invoice.AccountCode.Length == 0 ? null : invoice.AccountCode,
            invoice.SubscriptionId,
            invoice.Currency,
            invoice.State,
            invoice.PeriodStart,
            invoice.PeriodEnd,
            invoice.CreatedAt,
            Major(invoice.Subtotal),
            Major(invoice.DiscountTotal),
            Major(invoice.TaxTotal),
            Major(invoice.Total),
            invoice.CouponCodes,
            invoice.Notes,
            invoice.Lines.OrderBy(l => l.Position).Select(l => new InvoiceLineDto(
                Wire<LineType>.Name(l.Type),
                l.Code,
                l.Description,
                l.Quantity,
                Major(l.UnitAmount),
                Major(l.Amount),
                Major(l.Discount),
                Major(l.Tax),
                Major(l.Total),
                l.Discounts.Select(d => new LineDiscountDto(d.CouponCode, d.RedemptionId, Major(d.Amount))).ToList())).ToList(),
            Major(invoice.CreditApplied),
            Major(invoice.AmountPaid),
            Major(invoice.AmountDue),
            invoice.PaidAt,
            invoice.Payments.Select(p => new InvoicePaymentDto(p.Method, p.Reference, Major(p.Amount), p.PaidAt)).ToList(),
            Major(invoice.AmountRefunded),
            invoice.RefundsInvoiceNumber);
    }
}
