using Billing.SharedKernel;

namespace Billing.Payments.Domain;

/// <summary>
/// The Payments module's refusals (DOMAIN.md P), each code with its kind, and so its HTTP status, declared once.
/// A message that names values takes them as arguments; ErrorCatalogueTests lists every code with its status.
/// </summary>
internal static class PaymentErrors
{
    public static Error CardExpired { get; } =
        Error.Rule("card_expired", "The card's expiry date has passed.");

    public static Error PriceChanged { get; } =
        Error.Conflict("price_changed", "The price changed while you were checking out; check it and buy again.");

    public static Error PaymentAmountMismatch(long number, string amountDue) =>
        Error.Rule("payment_amount_mismatch", $"Invoice {number} is due {amountDue}; a payment settles the whole amount due.");

    public static Error BeingCollected(long number) =>
        Error.Conflict("invoice_being_collected", $"Invoice {number} is being charged right now.");

    public static Error NotPayable(long number, string state) =>
        Error.Conflict("invoice_not_payable", $"Invoice {number} is {state}; only a pending or past-due invoice takes a payment.");

    public static Error NotVoidable(long number, string state) =>
        Error.Conflict("invoice_not_voidable", $"Invoice {number} is {state}; only a pending or past-due invoice can be voided.");

    public static Error RefundNeedsACardPayment(long number) =>
        Error.Rule("refund_needs_a_card_payment", $"Invoice {number} was not paid by card; refund it to credit.");

    public static Error RefundExceedsCharge(string refundable, long number) =>
        Error.Rule("refund_exceeds_paid", $"At most {refundable} of invoice {number} can be refunded to the card.");

    public static Error PaymentMethodNotFound(string accountCode) =>
        Error.NotFound("payment_method_not_found", $"The account '{accountCode}' has no payment method.");

    /// <summary>K4: the gateway refused the charge; the message says why, by its decline code.</summary>
    public static Error PaymentDeclined(string? declineCode) =>
        Error.Rule("payment_declined", Declines.Message(declineCode));
}
