using System.Globalization;
using Billing.SharedKernel;

namespace Billing.Tracking.Domain;

/// <summary>
/// T7: the UTC days a conversion report covers, both inclusive: at most <see cref="MaxDays"/> days, and by default
/// the <see cref="DefaultDays"/> days that end today. Dates lie in the API's accepted range
/// (<see cref="InstantRange.EarliestDate"/> to <see cref="InstantRange.LatestDate"/>), far from
/// <see cref="DateOnly"/>'s limits, so the period's arithmetic never overflows (issues 25 and 14 item 1).
/// </summary>
internal readonly record struct ReportPeriod(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;
    public const int DefaultDays = 30;

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset EndExclusive => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static Result<ReportPeriod> Resolve(string? from, string? to, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly last = ParseOr(to, today, "to", errors);
        DateOnly first = ParseOr(from, last.AddDays(1 - DefaultDays), "from", errors);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        if (first > last)
        {
            return Error.Validation("from", $"from ({Text(first)}) is after to ({Text(last)}); to is today ({Text(today)}, UTC) when absent.");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return Error.Validation("to", $"A report covers at most {MaxDays} days; choose from and to closer together.");
        }

        return new ReportPeriod(first, last);
    }

    private static DateOnly ParseOr(string? text, DateOnly fallback, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && InstantRange.Contains(date))
        {
            return date;
        }

        errors[field] = [InstantRange.DateRule(field)];
        return fallback;
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
