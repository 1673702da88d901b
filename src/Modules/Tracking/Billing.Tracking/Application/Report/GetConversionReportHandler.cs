using System.Globalization;
using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Report;

/// <summary>
/// T7: counts and amounts of conversions per UTC day, type, status, coupon code and currency over a period, with
/// totals per type and currency. Amounts of different currencies are never added together (M1).
/// </summary>
internal sealed class GetConversionReportHandler(TrackingDbContext db, TimeProvider clock) : IRequestHandler<GetConversionReport, Result<ConversionReportDto>>
{
    public async Task<Result<ConversionReportDto>> Handle(GetConversionReport request, CancellationToken cancellationToken)
    {
        var period = ReportPeriod.Resolve(request.From, request.To, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (!period.IsSuccess)
        {
            return period.Error;
        }

        DateTime start = period.Value.Start.UtcDateTime;
        DateTime end = period.Value.EndExclusive.UtcDateTime;
        // Instants are stored as "yyyy-MM-dd HH:mm:ss…" UTC text: the first ten characters are the UTC day.
        var groups = await db.Database.SqlQuery<ReportGroup>($"""
            SELECT substr("CreatedAt", 1, 10) AS "Day", "ConversionTypeCode", "Status", "CouponCode", "Currency",
                   COUNT(*) AS "Count", SUM("Amount") AS "Amount"
            FROM "tracking_conversions"
            WHERE "CreatedAt" >= {start} AND "CreatedAt" < {end}
            GROUP BY 1, 2, 3, 4, 5
            """).ToListAsync(cancellationToken);

        var rows = groups
            .OrderBy(g => g.Day, StringComparer.Ordinal)
            .ThenBy(g => g.ConversionTypeCode, StringComparer.Ordinal)
            .ThenBy(g => g.Status, StringComparer.Ordinal)
            .ThenBy(g => g.CouponCode, StringComparer.Ordinal)
            .ThenBy(g => g.Currency, StringComparer.Ordinal)
            .Select(g => new ConversionReportRow(
                DateOnly.ParseExact(g.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                g.ConversionTypeCode,
                g.Status,
                g.CouponCode,
                g.Currency,
                g.Count,
                Text(g.Amount)))
            .ToList();
        var totals = groups
            .GroupBy(g => (g.ConversionTypeCode, g.Currency))
            .OrderBy(t => t.Key.ConversionTypeCode, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Currency, StringComparer.Ordinal)
            .Select(t => new ConversionReportTotal(
                t.Key.ConversionTypeCode,
                t.Key.Currency,
                t.Sum(g => g.Count),
                Text(t.Any(g => g.Amount is not null) ? t.Sum(g => g.Amount) : null)))
            .ToList();
        return new ConversionReportDto(period.Value.From, period.Value.To, rows, totals);
    }

    private static string? Text(long? tenThousandths) => tenThousandths is { } value ? new DecimalAmount(value).ToString() : null;

    /// <summary>One row of the report's GROUP BY, as SQLite answers it.</summary>
    private sealed class ReportGroup
    {
        public string Day { get; set; } = string.Empty;

        public string ConversionTypeCode { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public string? CouponCode { get; set; }

        public string? Currency { get; set; }

        public long Count { get; set; }

        public long? Amount { get; set; }
    }
}
