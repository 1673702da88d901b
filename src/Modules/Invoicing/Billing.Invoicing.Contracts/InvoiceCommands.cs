using Billing.SharedKernel;

namespace Billing.Invoicing.Contracts;

/// <summary>
/// I2 line kinds, in the order they appear on an invoice; on the wire and in the database by their snake_case names
/// (<c>setup_fee</c>, <c>proration_credit</c>).
/// </summary>
public enum LineType
{
    SetupFee,
    Plan,
    AddOn,
    OneTime,
    ProrationCharge,
    ProrationCredit,

    /// <summary>P6: the refunded amount on a credit note; never discounted.</summary>
    Refund,
}

/// <summary>A charge to invoice, priced by the module that owns it (amounts in minor units).</summary>
public sealed record ChargeLine(LineType Type, string Code, string Description, int Quantity, long UnitAmountMinor);

/// <summary>
/// Builds, discounts, taxes and saves the invoice of one billing period (or of one-time charges when
/// <paramref name="SubscriptionId"/> is null). Generating the same subscription period again answers the
/// existing invoice (I5).
/// </summary>
public sealed record GenerateInvoice(
    string AccountCode,
    string? SubscriptionId,
    string? PlanCode,
    string Currency,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    decimal TaxRatePercent,
    bool IsTrial,
    IReadOnlyList<ChargeLine> Lines) : ICommand<InvoiceDto>;

/// <summary>
/// The bill run's form of <see cref="GenerateInvoice"/>: many invoices issued in one go, answered in the order
/// given, each exactly as if it were generated alone in that order (an account's earlier invoice consumes its
/// coupons' periods before its later one is built; a period already invoiced answers its invoice, I5).
/// </summary>
public sealed record GenerateInvoices(IReadOnlyList<GenerateInvoice> Invoices) : ICommand<IReadOnlyList<InvoiceDto>>;

/// <summary>An invoice by its number as the path gives it: anything that is not an issued number is <c>invoice_not_found</c>.</summary>
public sealed record GetInvoice(string Number) : IQuery<InvoiceDto>;

/// <summary>I6: the invoice as plain text a person reads.</summary>
public sealed record RenderInvoiceText(string Number) : IQuery<string>;

/// <summary>
/// The HTTP list of invoices (issue 16), one page at a time in number order (the order they were issued): narrowed by
/// account and subscription (a filter naming an unknown one is its not-found error), <paramref name="State"/>
/// (<see cref="InvoiceState"/>), <paramref name="Currency"/>, the page's creation window (<see cref="PageRequest.Created"/>)
/// and <paramref name="Settled"/>: true, the invoices that ask for nothing (paid, or pending with a zero total; Recurly's
/// <c>paid</c>); false, every other one.
/// </summary>
public sealed record PageInvoices(
    PageRequest Page,
    string? AccountCode = null,
    string? SubscriptionId = null,
    InvoiceState? State = null,
    string? Currency = null,
    bool? Settled = null) : IQuery<Page<InvoiceDto>>;

/// <summary>
/// P1: the states of an issued invoice; on the wire and in the database by their snake_case names (<c>pending</c>,
/// <c>past_due</c>), as <see cref="InvoiceDto.State"/> shows them (a preview's is <c>preview</c>, I7).
/// </summary>
public enum InvoiceState
{
    /// <summary>Issued, awaiting payment.</summary>
    Pending,

    Paid,

    /// <summary>P4: an automatic collection attempt failed; dunning retries it.</summary>
    PastDue,

    /// <summary>P4: dunning is exhausted.</summary>
    Failed,

    /// <summary>P6: never collected.</summary>
    Voided,
}

/// <summary>P2: how an invoice was paid; shown and stored by its snake_case name (<c>card</c>, <c>external</c>).</summary>
public enum InvoicePaymentMethod
{
    /// <summary>A charge of the account's payment method through the gateway.</summary>
    Card,

    /// <summary>A payment the merchant recorded (a partner charged the customer, S4).</summary>
    External,
}

/// <summary>
/// P2: a payment of the whole amount due settles a pending or past-due invoice, which becomes paid and publishes
/// <see cref="InvoicePaid"/>. Sent by the module that collects (Payments), in its transaction; refused with
/// <c>invoice_not_payable</c> in any other state, and with <c>payment_amount_mismatch</c> for another amount.
/// </summary>
public sealed record RecordInvoicePayment(long InvoiceNumber, long AmountMinor, InvoicePaymentMethod Method, string? Reference) : ICommand<InvoiceDto>;

/// <summary>
/// P2 (issue 15): <see cref="RecordInvoicePayment"/> for each of a collected batch, in the caller's transaction — the
/// invoices read by one query, each changed by its own guarded UPDATE and its <see cref="InvoicePaid"/> in the outbox,
/// saved together. Answers the payments refused, by invoice number, with the error the single form would answer.
/// </summary>
public sealed record RecordInvoicePayments(IReadOnlyList<RecordInvoicePayment> Payments) : ICommand<IReadOnlyDictionary<long, Error>>;

/// <summary>
/// P2 (issue 15): what collecting these invoices needs of them, read by one query; a number that names no invoice is
/// absent from the answer.
/// </summary>
public sealed record GetInvoicesToCollect(IReadOnlyCollection<long> Numbers) : IQuery<IReadOnlyList<InvoiceToCollect>>;

/// <summary>An invoice as its collection sees it: whose it is, what is due (minor units) and its state.</summary>
public sealed record InvoiceToCollect(long Number, string AccountCode, string? SubscriptionId, string Currency, long AmountDueMinor, InvoiceState State);

/// <summary>P4: a failed automatic collection makes a pending invoice past due (a past-due one stays so).</summary>
public sealed record MarkInvoicePastDue(long InvoiceNumber) : ICommand<InvoiceDto>;

/// <summary>P4: dunning is exhausted: a past-due invoice fails.</summary>
public sealed record MarkInvoiceFailed(long InvoiceNumber) : ICommand<InvoiceDto>;

/// <summary>P6: an unpaid invoice is voided and never collected.</summary>
public sealed record MarkInvoiceVoided(long InvoiceNumber) : ICommand<InvoiceDto>;

/// <summary>P6: where a refund goes; on the wire by its snake_case name (<c>payment_method</c>, <c>credit</c>).</summary>
public enum RefundDestination
{
    /// <summary>Back to the card that paid, through the gateway.</summary>
    PaymentMethod,

    /// <summary>To the account's credit balance (P5).</summary>
    Credit,
}

/// <summary>
/// P6: refunds <paramref name="AmountMinor"/> of a paid invoice — never more than was paid, by payments and by credit,
/// less earlier refunds (<c>refund_exceeds_paid</c>) — by issuing a credit note that references it, with the next
/// invoice number; to credit, the amount is added to the account's balance. Recorded discounts stay as they were.
/// Publishes <see cref="InvoiceRefunded"/>.
/// </summary>
public sealed record IssueCreditNote(long InvoiceNumber, long AmountMinor, RefundDestination To) : ICommand<InvoiceDto>;

/// <summary>P5: an account's credit balances, one per currency it has credit in.</summary>
public sealed record GetCreditBalances(string AccountCode) : IQuery<IReadOnlyList<CreditBalanceDto>>;

/// <summary>P5: an account's credit ledger, oldest first, one page at a time (issue 16); <c>account_not_found</c> for an unknown account.</summary>
public sealed record ListCreditLedger(string AccountCode, PageRequest Page) : IQuery<Page<CreditLedgerEntryDto>>;
