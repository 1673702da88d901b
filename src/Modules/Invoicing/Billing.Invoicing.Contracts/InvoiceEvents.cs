using Billing.SharedKernel;

namespace Billing.Invoicing.Contracts;

/// <summary>What one redemption took off an issued invoice (minor units of the invoice currency).</summary>
public sealed record RedemptionDiscount(string RedemptionId, long AmountMinor);

/// <summary>
/// An invoice was issued (with what each redemption discounted, recorded by Coupons in the issuing transaction).
/// Payments collects it (P2); Tracking records the sale when it is paid (T6, P7), not on this event.
/// </summary>
public sealed record InvoiceIssued(
    Guid EventId,
    DateTimeOffset OccurredAt,
    long InvoiceNumber,
    string AccountCode,
    string? SubscriptionId,
    string Currency,
    long TotalMinor,
    decimal Total,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    IReadOnlyList<RedemptionDiscount> Discounts) : IIntegrationEvent;

/// <summary>
/// P1/P7: an invoice was paid — at issue when it asked for nothing, else by a charge or a recorded payment. Tracking
/// records the sale of a positive total, judged as of <paramref name="IssuedAt"/> (T6).
/// </summary>
public sealed record InvoicePaid(
    Guid EventId,
    DateTimeOffset OccurredAt,
    long InvoiceNumber,
    string AccountCode,
    string? SubscriptionId,
    string Currency,
    long TotalMinor,
    long AmountPaidMinor,
    DateTimeOffset IssuedAt) : IIntegrationEvent;

/// <summary>P4: an automatic collection of the invoice failed; dunning retries it.</summary>
public sealed record InvoicePastDue(Guid EventId, DateTimeOffset OccurredAt, long InvoiceNumber, string AccountCode, string? SubscriptionId) : IIntegrationEvent;

/// <summary>P4: dunning is exhausted; Subscriptions expires the invoice's subscription for nonpayment.</summary>
public sealed record InvoiceFailed(Guid EventId, DateTimeOffset OccurredAt, long InvoiceNumber, string AccountCode, string? SubscriptionId) : IIntegrationEvent;

/// <summary>P6: the invoice will never be collected.</summary>
public sealed record InvoiceVoided(Guid EventId, DateTimeOffset OccurredAt, long InvoiceNumber, string AccountCode, string? SubscriptionId) : IIntegrationEvent;

/// <summary>
/// P6: a credit note refunded part or all of an invoice; <paramref name="FullyRefunded"/> when nothing paid is left
/// (Tracking then sets the invoice's sale to refunded, P7).
/// </summary>
public sealed record InvoiceRefunded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    long InvoiceNumber,
    long CreditNoteNumber,
    string AccountCode,
    string? SubscriptionId,
    string Currency,
    long AmountMinor,
    string To,
    bool FullyRefunded) : IIntegrationEvent;

/// <summary>P5: the account's credit paid <paramref name="AmountMinor"/> of an invoice at issue; <paramref name="BalanceAfterMinor"/> is left.</summary>
public sealed record CreditApplied(
    Guid EventId,
    DateTimeOffset OccurredAt,
    long InvoiceNumber,
    string AccountCode,
    string Currency,
    long AmountMinor,
    long BalanceAfterMinor) : IIntegrationEvent;
