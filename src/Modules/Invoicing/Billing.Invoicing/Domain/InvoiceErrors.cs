using System.Globalization;
using Billing.SharedKernel;

namespace Billing.Invoicing.Domain;

/// <summary>
/// The Invoicing module's refusals (DOMAIN.md I and P6), each code with its kind, and so its HTTP status, declared once.
/// A message that names values takes them as arguments; ErrorCatalogueTests lists every code with its status.
/// </summary>
internal static class InvoiceErrors
{
    public static Error NotFound(string number) =>
        Error.NotFound("invoice_not_found", $"No invoice has the number '{number}'.");

    public static Error NotFound(long number) => NotFound(number.ToString(CultureInfo.InvariantCulture));

    public static Error NotRefundable(long number, string state) =>
        InvoiceNotRefundableBecause($"Invoice {number} is {state} and nothing was paid on it to refund.");

    public static Error NotRefundableAnyMore(long number) =>
        InvoiceNotRefundableBecause($"Invoice {number} changed meanwhile; try again.");

    public static Error RefundExceedsPaid(string refundable, long number) =>
        Error.Rule("refund_exceeds_paid", $"At most {refundable} of invoice {number} can be refunded.");

    public static Error PaymentAmountMismatch(long number, string amountDue) =>
        Error.Rule("payment_amount_mismatch", $"Invoice {number} is due {amountDue}; a payment settles the whole amount due.");

    public static Error NotPayable(long number, string state) =>
        InvoiceNotPayableBecause($"Invoice {number} is {state}; it cannot become {Invoice.Paid}.");

    public static Error NotPayableAnyMore(long number) =>
        InvoiceNotPayableBecause($"Invoice {number} changed meanwhile; it cannot become {Invoice.Paid}.");

    /// <summary>A collection outcome (<paramref name="to"/> past_due or failed) for an invoice in no state to take it.</summary>
    public static Error NotCollectable(long number, string state, string to) =>
        InvoiceNotCollectableBecause($"Invoice {number} is {state}; it cannot become {to}.");

    public static Error NotCollectableAnyMore(long number, string to) =>
        InvoiceNotCollectableBecause($"Invoice {number} changed meanwhile; it cannot become {to}.");

    public static Error NotVoidable(long number, string state) =>
        InvoiceNotVoidableBecause($"Invoice {number} is {state}; it cannot become {Invoice.Voided}.");

    public static Error NotVoidableAnyMore(long number) =>
        InvoiceNotVoidableBecause($"Invoice {number} changed meanwhile; it cannot become {Invoice.Voided}.");

    private static Error InvoiceNotPayableBecause(string message) => Error.Conflict("invoice_not_payable", message);

    private static Error InvoiceNotCollectableBecause(string message) => Error.Conflict("invoice_not_collectable", message);

    private static Error InvoiceNotVoidableBecause(string message) => Error.Conflict("invoice_not_voidable", message);

    private static Error InvoiceNotRefundableBecause(string message) => Error.Conflict("invoice_not_refundable", message);
}
