namespace Billing.Invoicing.Domain;

internal enum InvoiceKind
{
    /// <summary>The invoice of one billing period of a subscription; one per subscription and period (I5).</summary>
    Period,

    /// <summary>An invoice of one-time charges (S7).</summary>
    OneTime,

    /// <summary>P6: a credit note: what was refunded of the invoice it references.</summary>
    CreditNote,
}

/// <summary>
/// A discount on a line as stored: which coupon and redemption, how much (I2). The redemption is null only on the
/// preview of a would-be purchase, where the coupon is not redeemed (I7).
/// </summary>
internal sealed record StoredLineDiscount(string CouponCode, string? RedemptionId, long Amount);

internal sealed class InvoiceLine
{
    public int Position { get; set; }

    public LineType Type { get; set; }

    public string Code { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public long UnitAmount { get; set; }

    public long Amount { get; set; }

    public long Discount { get; set; }

    public long Tax { get; set; }

    /// <summary>Amount − discount + tax.</summary>
    public long Total { get; set; }

    public List<StoredLineDiscount> Discounts { get; set; } = [];
}

/// <summary>How an invoice was paid (P2): a card charge through the gateway, or a payment the merchant recorded.</summary>
internal sealed record InvoicePayment(string Method, string? Reference, long Amount, DateTimeOffset PaidAt);

/// <summary>
/// An issued invoice (I1), or a preview that is never saved and has no number (I7); amounts in minor units of
/// <see cref="Currency"/>. Its state follows P1: <see cref="Pending"/> when issued, then paid, past due, failed or
/// voided; its amounts never change once issued.
/// </summary>
internal sealed class Invoice
{
    /// <summary>P1: issued, awaiting payment.</summary>
    public const string Pending = "pending";

    public const string Paid = "paid";

    /// <summary>P4: an automatic collection attempt failed; dunning retries it.</summary>
    public const string PastDue = "past_due";

    /// <summary>P4: dunning is exhausted.</summary>
    public const string Failed = "failed";

    /// <summary>P6: never collected.</summary>
    public const string Voided = "voided";

    public const string Preview = "preview";

    /// <summary>The states from which a payment settles the invoice.</summary>
    public static readonly IReadOnlyList<string> Payable = [Pending, PastDue];

    public long Number { get; set; }

    public InvoiceKind Kind { get; set; }

    public string AccountCode { get; set; } = string.Empty;

    public string? SubscriptionId { get; set; }

    public string? PlanCode { get; set; }

    public string Currency { get; set; } = string.Empty;

    public string State { get; set; } = Pending;

    public bool IsPreview => State == Preview;

    public bool IsTrial { get; set; }

    public DateTimeOffset? PeriodStart { get; set; }

    public DateTimeOffset? PeriodEnd { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public decimal TaxRatePercent { get; set; }

    public long Subtotal { get; set; }

    public long DiscountTotal { get; set; }

    public long TaxTotal { get; set; }

    public long Total { get; set; }

    public List<string> CouponCodes { get; set; } = [];

    public string? Notes { get; set; }

    public List<InvoiceLine> Lines { get; set; } = [];

    /// <summary>P5: the account's credit that paid part or all of the invoice, after coupons and tax; at most its total.</summary>
    public long CreditApplied { get; set; }

    /// <summary>What the payments recorded on the invoice add up to (P2).</summary>
    public long AmountPaid { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public List<InvoicePayment> Payments { get; set; } = [];

    /// <summary>P6: what credit notes refunded of this invoice so far; never more than was paid (by payments and credit).</summary>
    public long AmountRefunded { get; set; }

    /// <summary>P6: on a credit note, the invoice it refunds.</summary>
    public long? RefundsInvoiceNumber { get; set; }

    /// <summary>P6: what may still be refunded: what was paid, by payments and by credit, less earlier refunds.</summary>
    public long Refundable => State == Paid && Kind != InvoiceKind.CreditNote ? AmountPaid + CreditApplied - AmountRefunded : 0;

    /// <summary>
    /// What is still to be collected (what would be, on a preview): nothing once paid, failed or voided, and nothing
    /// on a credit invoice.
    /// </summary>
    public long AmountDue => Payable.Contains(State) || IsPreview ? Math.Max(0, Total - CreditApplied - AmountPaid) : 0;

    /// <summary>
    /// P6: the credit note numbered <paramref name="number"/> that refunds <paramref name="amount"/> of
    /// <paramref name="invoice"/>: one <c>refund</c> line of minus the amount, settled at once, referencing the invoice.
    /// </summary>
    public static Invoice CreditNoteFor(Invoice invoice, long amount, long number, bool toCredit, DateTimeOffset now)
    {
        string refunded = invoice.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Invoice
        {
            Number = number,
            Kind = InvoiceKind.CreditNote,
            AccountCode = invoice.AccountCode,
            SubscriptionId = invoice.SubscriptionId,
            PlanCode = invoice.PlanCode,
            Currency = invoice.Currency,
            State = Paid,
            CreatedAt = now,
            PaidAt = now,
            Subtotal = -amount,
            Total = -amount,
            RefundsInvoiceNumber = invoice.Number,
            Notes = $"Refund of invoice {refunded} to {(toCredit ? "the account's credit" : "the payment method")}.",
            Lines =
            [
                new InvoiceLine
                {
                    Position = 1,
                    Type = LineType.Refund,
                    Code = "refund",
                    Description = $"Refund of invoice {refunded}",
                    Quantity = 1,
                    UnitAmount = -amount,
                    Amount = -amount,
                    Total = -amount,
                },
            ],
        };
    }

    /// <summary>
    /// P1: an issued invoice that asks for nothing (0.00, a credit, or a total the account's credit covers, P5) is paid
    /// at issue and needs no payment method.
    /// </summary>
    public void SettleIfNothingDue(DateTimeOffset at)
    {
        if (State == Pending && Total - CreditApplied <= 0)
        {
            State = Paid;
            PaidAt = at;
        }
    }
}
