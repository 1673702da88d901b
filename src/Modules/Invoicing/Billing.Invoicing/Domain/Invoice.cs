using Billing.Invoicing.Contracts;
using Billing.SharedKernel;

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
    private List<StoredLineDiscount> discounts = [];

    public int Position { get; init; }

    public LineType Type { get; init; }

    public string Code { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public int Quantity { get; init; }

    public long UnitAmount { get; init; }

    public long Amount { get; init; }

    public long Discount { get; init; }

    public long Tax { get; init; }

    /// <summary>Amount − discount + tax.</summary>
    public long Total { get; init; }

    public List<StoredLineDiscount> Discounts { get => discounts; init => discounts = value; }

    /// <summary>I7: a preview's discounts by a redemption that does not exist yet name no redemption.</summary>
    public void ForgetRedemption(string redemptionId) =>
        discounts = discounts.Select(d => d.RedemptionId == redemptionId ? d with { RedemptionId = null } : d).ToList();
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
    private string state = Pending;
    private DateTimeOffset? paidAt;
    private long number;
    private List<InvoiceLine> lines = [];
    private long subtotal;
    private long discountTotal;
    private long taxTotal;
    private long total;
    private List<string> couponCodes = [];
    private string? notes;
    private long creditApplied;
    private long amountPaid;

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

    public long Number { get => number; init => number = value; }

    public InvoiceKind Kind { get; init; }

    public string AccountCode { get; init; } = string.Empty;

    public string? SubscriptionId { get; init; }

    public string? PlanCode { get; init; }

    public string Currency { get; init; } = string.Empty;

    public string State { get => state; init => state = value; }

    public bool IsPreview => State == Preview;

    public bool IsTrial { get; init; }

    public DateTimeOffset? PeriodStart { get; init; }

    public DateTimeOffset? PeriodEnd { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public decimal TaxRatePercent { get; init; }

    public long Subtotal { get => subtotal; init => subtotal = value; }

    public long DiscountTotal { get => discountTotal; init => discountTotal = value; }

    public long TaxTotal { get => taxTotal; init => taxTotal = value; }

    public long Total { get => total; init => total = value; }

    public List<string> CouponCodes { get => couponCodes; init => couponCodes = value; }

    public string? Notes { get => notes; init => notes = value; }

    public List<InvoiceLine> Lines { get => lines; init => lines = value; }

    /// <summary>P5: the account's credit that paid part or all of the invoice, after coupons and tax; at most its total.</summary>
    public long CreditApplied { get => creditApplied; init => creditApplied = value; }

    /// <summary>What the payments recorded on the invoice add up to (P2).</summary>
    public long AmountPaid { get => amountPaid; init => amountPaid = value; }

    public DateTimeOffset? PaidAt { get => paidAt; init => paidAt = value; }

    public List<InvoicePayment> Payments { get; init; } = [];

    /// <summary>P6: what credit notes refunded of this invoice so far; never more than was paid (by payments and credit).</summary>
    public long AmountRefunded { get; init; }

    /// <summary>P6: on a credit note, the invoice it refunds.</summary>
    public long? RefundsInvoiceNumber { get; init; }

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
            state = Paid;
            paidAt = at;
        }
    }

    /// <summary>I1: an invoice is numbered when it is issued, never before (a preview has no number, I7).</summary>
    public void Numbered(long invoiceNumber) => number = invoiceNumber;

    /// <summary>
    /// I3 + I4: the invoice's lines, its totals (the sums of its lines), the codes of the coupons that took money off
    /// and the notes they ask for.
    /// </summary>
    public void Itemize(List<InvoiceLine> itemized, List<string> discountingCouponCodes, string? discountNotes)
    {
        lines = itemized;
        subtotal = itemized.Sum(l => l.Amount);
        discountTotal = itemized.Sum(l => l.Discount);
        taxTotal = itemized.Sum(l => l.Tax);
        total = itemized.Sum(l => l.Total);
        couponCodes = discountingCouponCodes;
        notes = discountNotes;
    }

    /// <summary>P5: the account's credit <paramref name="balance"/> pays the invoice up to its total; returns what it used.</summary>
    public long ApplyCredit(long balance)
    {
        creditApplied = Math.Clamp(balance, 0, Math.Max(0, Total));
        return creditApplied;
    }

    /// <summary>P2: a payment of the whole amount due settles the invoice; any other amount is refused.</summary>
    public Error? PaymentRefusal(long amount) =>
        amount == AmountDue
            ? null
            : InvoiceErrors.PaymentAmountMismatch(Number, InvoiceCalculator.MoneyOf(AmountDue, Currency).Format());

    /// <summary>P2: records a payment; the invoice is paid.</summary>
    public void RecordPayment(InvoicePayment payment)
    {
        Payments.Add(payment);
        amountPaid += payment.Amount;
        state = Paid;
        paidAt = payment.PaidAt;
    }

    /// <summary>P4: an automatic collection attempt failed; dunning retries it.</summary>
    public void FallPastDue() => state = PastDue;

    /// <summary>P4: dunning is exhausted.</summary>
    public void Fail() => state = Failed;

    /// <summary>P6: the invoice will never be collected.</summary>
    public void Void() => state = Voided;
}
