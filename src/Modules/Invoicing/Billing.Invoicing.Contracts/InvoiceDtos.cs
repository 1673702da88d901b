namespace Billing.Invoicing.Contracts;

/// <summary>
/// One coupon's discount on a line. <paramref name="RedemptionId"/> is null only in the preview of a would-be
/// purchase, where the coupon has not been redeemed (I7).
/// </summary>
public sealed record LineDiscountDto(string CouponCode, string? RedemptionId, decimal Amount);

public sealed record InvoiceLineDto(
    string Type,
    string Code,
    string Description,
    int Quantity,
    decimal UnitAmount,
    decimal Amount,
    decimal Discount,
    decimal Tax,
    decimal Total,
    IReadOnlyList<LineDiscountDto> Discounts);

/// <summary>A payment that settled an invoice (P2): <c>card</c> (a gateway charge) or <c>external</c> (recorded by the merchant).</summary>
public sealed record InvoicePaymentDto(string Method, string? Reference, decimal Amount, DateTimeOffset PaidAt);

/// <summary>
/// An invoice as the API shows it (amounts in major units). A preview (I7) has state <c>preview</c> and no
/// number; the preview of a would-be purchase made without an account has no account code either. An issued
/// invoice's state is the wire name of an <see cref="InvoiceState"/> (P1), with what was paid, how, and what is still due.
/// </summary>
public sealed record InvoiceDto(
    long? Number,
    string? AccountCode,
    string? SubscriptionId,
    string Currency,
    string State,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    DateTimeOffset CreatedAt,
    decimal Subtotal,
    decimal DiscountTotal,
    decimal TaxTotal,
    decimal Total,
    IReadOnlyList<string> CouponCodes,
    string? Notes,
    IReadOnlyList<InvoiceLineDto> Lines,
    decimal CreditApplied,
    decimal AmountPaid,
    decimal AmountDue,
    DateTimeOffset? PaidAt,
    IReadOnlyList<InvoicePaymentDto> Payments,
    decimal AmountRefunded,
    long? RefundsInvoiceNumber);

/// <summary>P5: an account's credit in one currency (major units).</summary>
public sealed record CreditBalanceDto(string Currency, decimal Balance);

/// <summary>P5: one change of an account's credit: <c>invoice_credit</c> (a negative invoice) or <c>applied</c> (to an invoice).</summary>
public sealed record CreditLedgerEntryDto(string Currency, decimal Amount, string Reason, long InvoiceNumber, decimal BalanceAfter, DateTimeOffset CreatedAt);
