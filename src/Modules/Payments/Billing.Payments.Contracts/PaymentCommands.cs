using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;

namespace Billing.Payments.Contracts;

/// <summary>
/// P3: tokenizes a card through the gateway and makes it the account's payment method (replacing any other); only the
/// token, brand, last four digits and expiry are kept. The account's open invoices are then collected at once (P4).
/// Its text never shows the card number or the CVC.
/// </summary>
public sealed record SetPaymentMethod(string AccountCode, string? CardNumber, int? ExpMonth, int? ExpYear, string? Cvc) : ISelfTransactedCommand<PaymentMethodDto>
{
    public override string ToString() => $"{nameof(SetPaymentMethod)} {{ AccountCode = {AccountCode} }}";
}

/// <summary>
/// P2: sets how the account's invoices are collected, by the wire name of a <see cref="Subscriptions.Contracts.CollectionMethod"/>. Turning to <c>automatic</c>
/// collects the account's open and past-due invoices at once when it has a payment method; <c>manual</c> stops every
/// charge of its invoices, including dunning's retries, until it is turned back.
/// </summary>
public sealed record SetCollectionMethod(string AccountCode, string? CollectionMethod) : ISelfTransactedCommand<AccountDto>;

/// <summary>The account's payment method; <c>payment_method_not_found</c> when it has none.</summary>
public sealed record GetPaymentMethod(string AccountCode) : IQuery<PaymentMethodDto>;

/// <summary>
/// P2: collects an issued invoice now, when its account collects automatically (it has a payment method and the
/// invoice is not a partner's, S4): one charge attempt, never a second charge of a paid invoice however often or
/// concurrently this runs. A past-due invoice is retried only when its next dunning attempt is due, unless
/// <paramref name="RetryNow"/>.
/// </summary>
public sealed record CollectInvoice(long InvoiceNumber, bool RetryNow = false) : ISelfTransactedCommand<CollectionDto>;

/// <summary>P4: the dunning pass: retries every past-due invoice whose next attempt is due.</summary>
public sealed record CollectPastDueInvoices : ISelfTransactedCommand<DunningCounts>;

/// <summary>P2: records a payment made outside Billing (S4's partner), which settles the invoice's amount due.</summary>
public sealed record RecordExternalPayment(long InvoiceNumber, decimal? Amount, string? Reference) : ICommand<InvoiceDto>;

/// <summary>
/// P6: refunds a paid invoice in full (no amount) or in part, to the card that paid it (<c>payment_method</c>, through the
/// gateway) or to the account's credit (<c>credit</c>); answers the credit note, which references the invoice.
/// </summary>
public sealed record RefundInvoice(long InvoiceNumber, decimal? Amount, string? To) : ISelfTransactedCommand<InvoiceDto>;

/// <summary>P6: voids an unpaid invoice, which is then never collected.</summary>
public sealed record VoidInvoice(long InvoiceNumber) : ICommand<InvoiceDto>;

/// <summary>P2: every payment attempt on an invoice, oldest first (or newest first), one page at a time (issue 16).</summary>
public sealed record ListInvoiceTransactions(long InvoiceNumber, PageRequest Page, bool NewestFirst = false) : IQuery<Page<PaymentTransactionDto>>;

/// <summary>
/// K3/K4, the checkout: buys <paramref name="PlanCode"/> — or the one-time package <paramref name="PackageCode"/>
/// (S7: exactly one of the two is given) — in <paramref name="Currency"/> with an optional coupon code (R6)
/// either for <paramref name="AccountCode"/> — an existing account whose ownership the caller proved (the checkout's
/// signed token from My Account, K5): its first invoice has the account's tax and credit (P5) — or, without it, for a
/// new customer: a new account of <paramref name="Email"/> in <paramref name="Country"/> (S2). A typed email proves
/// nothing, so an email an account already has is refused with <c>account_exists</c> before anything is charged or
/// written, and no account's credit, tax rate or card is used or shown. When nothing is due on the first invoice (K3,
/// S5: its total is 0, or the account's credit pays all of it, P5) no card is needed: the account, the subscription,
/// its redemption and its paid invoice are
/// written in one transaction, with the card if one was given anyway, tokenized and saved for renewals but not charged. Otherwise (K4) the card is
/// tokenized and the first invoice's amount charged through the gateway before anything is written; only a successful
/// charge writes the account, subscription, redemption, payment method (P3) and the invoice paid by that charge, in one
/// transaction (a write that fails then is refunded). A decline writes nothing and is refused with
/// <c>payment_declined</c> and the gateway's reason. <paramref name="CheckoutKey"/> names the checkout attempt: the
/// gateway charge's idempotency key is made of it, so a purchase sent again after the host failed between the charge
/// and its write (a retry of the same checkout) is answered the first charge and moves no money twice. Its text never
/// shows the card number or the CVC. A package is bought the same way, except that its coupon is redeemed on the account
/// (account-level, R6: in the charge's transaction) and its first invoice is the one-time charge's (S7, C7).
/// </summary>
public sealed record PurchaseSubscription(
    string CheckoutKey,
    string? PlanCode,
    string Currency,
    string? CouponCode,
    string? AccountCode,
    string? Email,
    string? Country,
    string? CardNumber,
    int? ExpMonth,
    int? ExpYear,
    string? Cvc,
    string? PackageCode = null) : ISelfTransactedCommand<PurchaseDto>
{
    public override string ToString() => $"{nameof(PurchaseSubscription)} {{ PlanCode = {PlanCode}, PackageCode = {PackageCode}, Currency = {Currency}, CouponCode = {CouponCode} }}";
}
