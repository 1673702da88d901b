using Billing.Tracking.Domain;

namespace Billing.Tracking.Infrastructure;

/// <summary>One row of the conversion report's GROUP BY (T7), as the database answers it.</summary>
internal sealed class ConversionReportGroup
{
    public string Day { get; set; } = string.Empty;

    public string ConversionTypeCode { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string? CouponCode { get; set; }

    public string? Currency { get; set; }

    public long Count { get; set; }

    public long? Units { get; set; }

    public long? TenThousandths { get; set; }

    /// <summary>The exact sum in ten-thousandths, in decimal: it holds any number of maximal amounts a database can.</summary>
    public decimal? Amount() => Units is { } units ? ((decimal)units * DecimalAmount.Scale) + TenThousandths!.Value : null;
}
