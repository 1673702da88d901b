using Billing.Invoicing.Contracts;

namespace Billing.Host.Checkout;

/// <summary>
/// K2: the first invoice's price as shown: list, paid (after coupons), tax and what is due today, which is the
/// invoice's total (K3: free when it is 0). A returning customer's credit (P5) is left out: the page is public and
/// knows the customer only by a typed email, so it must not reveal an account's balance; the purchase still applies
/// the credit and charges only what is left.
/// </summary>
internal sealed record CheckoutPrice(string List, string? Paid, string? Tax, string Due, bool IsFree, bool IsDiscounted)
{
    public static CheckoutPrice Of(InvoiceDto invoice)
    {
        decimal paid = invoice.Subtotal - invoice.DiscountTotal;
        bool discounted = invoice.DiscountTotal > 0;
        return new CheckoutPrice(
            CheckoutMoney.Format(invoice.Subtotal, invoice.Currency),
            discounted ? (paid == 0 ? "FREE" : CheckoutMoney.Format(paid, invoice.Currency)) : null,
            invoice.TaxTotal > 0 ? CheckoutMoney.Format(invoice.TaxTotal, invoice.Currency) : null,
            CheckoutMoney.Format(invoice.Total, invoice.Currency),
            invoice.Total == 0,
            discounted);
    }
}
