using Billing.Invoicing.Contracts;

namespace Billing.Host.Checkout;

/// <summary>
/// K2: the first invoice's price as shown: list, paid (after coupons), tax and what is due today. No card is asked for
/// when nothing is left to pay (<see cref="IsFree"/>): the invoice's total is 0 (K3), or a returning customer's credit
/// (P5) pays all of it (<see cref="PaidByCredit"/>; then "Due today" is 0). A credit that pays only part is not shown:
/// the page is public and knows the customer only by a typed email, so "Due today" stays the invoice's total rather
/// than reveal the balance; the purchase still applies the credit and charges only what is left.
/// </summary>
internal sealed record CheckoutPrice(string List, string? Paid, string? Tax, string Due, bool IsFree, bool IsDiscounted, bool PaidByCredit)
{
    public static CheckoutPrice Of(InvoiceDto invoice)
    {
        decimal paid = invoice.Subtotal - invoice.DiscountTotal;
        bool discounted = invoice.DiscountTotal > 0;
        bool paidByCredit = invoice.Total > 0 && invoice.AmountDue == 0;
        return new CheckoutPrice(
            CheckoutMoney.Format(invoice.Subtotal, invoice.Currency),
            discounted ? (paid == 0 ? "FREE" : CheckoutMoney.Format(paid, invoice.Currency)) : null,
            invoice.TaxTotal > 0 ? CheckoutMoney.Format(invoice.TaxTotal, invoice.Currency) : null,
            CheckoutMoney.Format(paidByCredit ? 0 : invoice.Total, invoice.Currency),
            invoice.AmountDue == 0,
            discounted,
            paidByCredit);
    }
}
