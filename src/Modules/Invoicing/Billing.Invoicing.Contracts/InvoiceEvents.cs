using Billing.SharedKernel;

namespace Billing.Invoicing.Contracts;

/// <summary>What one redemption took off an issued invoice (minor units of the invoice currency).</summary>
public sealed record RedemptionDiscount(string RedemptionId, long AmountMinor);

/// <summary>
/// An invoice was issued. Coupons consumes redemption durations and records what each redemption
/// discounted; Tracking records the sale (T6).
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
