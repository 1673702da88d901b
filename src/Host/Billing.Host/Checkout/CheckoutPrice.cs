using Billing.Invoicing.Contracts;

namespace Billing.Host.Checkout;

/// <summary>
/// K2: the first invoice's price as shown: list, paid (after coupons), tax, the credit applied and what is due today. No
/// card is asked for when nothing is left to pay (<see cref="IsFree"/>): the invoice's total is 0 (K3), or a returning
/// customer's credit (P5) pays all of it (<see cref="PaidByCredit"/>). Tax and credit are only ever in the price of an
/// account the customer proved with My Account's checkout token: a new customer's invoice has neither.
/// </summary>
internal sealed record CheckoutPrice(string List, string? Paid, string? Tax, string? Credit, string Due, bool IsFree, bool IsDiscounted, bool PaidByCredit)
{
    public static CheckoutPrice Of(InvoiceDto invoice)
    {
        decimal paid = invoice.Subtotal - invoice.DiscountTotal;
        bool discounted = invoice.DiscountTotal > 0;
        return new CheckoutPrice(
            CheckoutMoney.Format(invoice.Subtotal, invoice.Currency),
            discounted ? (paid == 0 ? "FREE" : CheckoutMoney.Format(paid, invoice.Currency)) : null,
            invoice.TaxTotal > 0 ? CheckoutMoney.Format(invoice.TaxTotal, invoice.Currency) : null,
            invoice.CreditApplied > 0 ? CheckoutMoney.Format(invoice.CreditApplied, invoice.Currency) : null,
            CheckoutMoney.Format(invoice.AmountDue, invoice.Currency),
            invoice.AmountDue == 0,
            discounted,
            invoice.Total > 0 && invoice.AmountDue == 0);
    }
}
