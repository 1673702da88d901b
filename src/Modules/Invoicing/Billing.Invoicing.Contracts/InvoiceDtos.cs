namespace Billing.Invoicing.Contracts;

public sealed record LineDiscountDto(string CouponCode, string RedemptionId, decimal Amount);

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

/// <summary>An invoice as the API shows it (amounts in major units).</summary>
public sealed record InvoiceDto(
    long Number,
    string AccountCode,
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
    IReadOnlyList<InvoiceLineDto> Lines);
