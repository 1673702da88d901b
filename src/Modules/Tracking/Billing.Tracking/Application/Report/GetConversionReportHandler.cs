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
/// totals per type and currency. Amounts of different currencies are never added together (M1). Sums cannot
/// overflow (issue 25): the database adds whole units and ten-thousandths apart — a 64-bit sum of units overflows only
/// past 900 million maximal amounts in one row of the report — and the report adds them up in decimal.
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
        var groups = await db.ConversionReportGroupsAsync(start, end, cancellationToken);

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
                Text(g.Amount())))
            .ToList();
        var totals = groups
            .GroupBy(g => (g.ConversionTypeCode, g.Currency))
            .OrderBy(t => t.Key.ConversionTypeCode, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Currency, StringComparer.Ordinal)
            .Select(t => new ConversionReportTotal(
                t.Key.ConversionTypeCode,
                t.Key.Currency,
                t.Sum(g => g.Count),
                Text(t.Any(g => g.Units is not null) ? t.Sum(g => g.Amount()) : null)))
            .ToList();
        return new ConversionReportDto(period.Value.From, period.Value.To, rows, totals);
    }

    /// <summary>The shortest exact decimal string, as <see cref="DecimalAmount"/> writes one: <c>100.5</c>, <c>69.8</c>, <c>100</c>.</summary>
    private static string? Text(decimal? tenThousandths) =>
        tenThousandths is { } value ? (value / DecimalAmount.Scale).ToString(CultureInfo.InvariantCulture) : null;
}
