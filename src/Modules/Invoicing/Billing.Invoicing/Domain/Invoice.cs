namespace Billing.Invoicing.Domain;

internal enum InvoiceKind
{
    /// <summary>The invoice of one billing period of a subscription; one per subscription and period (I5).</summary>
    Period,

    /// <summary>An invoice of one-time charges (S7).</summary>
    OneTime,
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

/// <summary>
/// An issued invoice (I1), or a preview that is never saved and has no number (I7); amounts in minor units of
/// <see cref="Currency"/>.
/// </summary>
internal sealed class Invoice
{
    public const string Issued = "issued";

    public const string Preview = "preview";

    public long Number { get; set; }

    public InvoiceKind Kind { get; set; }

    public string AccountCode { get; set; } = string.Empty;

    public string? SubscriptionId { get; set; }

    public string? PlanCode { get; set; }

    public string Currency { get; set; } = string.Empty;

    public string State { get; set; } = Issued;

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
}
