using Billing.Tracking.Domain;
using Xunit;

namespace Billing.Tracking.Tests;

public sealed class ReportPeriodTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public void Without_dates_the_report_covers_the_thirty_days_that_end_today_T7()
    {
        var period = ReportPeriod.Resolve(null, null, Today);

        Assert.Equal(new ReportPeriod(new DateOnly(2026, 10, 23), Today), period.Value);
    }

    [Fact]
    public void Both_days_are_included_and_the_period_runs_from_midnight_to_midnight_utc_T7()
    {
        var period = ReportPeriod.Resolve("2026-11-01", "2026-11-30", Today).Value;

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), period.EndExclusive);
    }

    [Theory]
    [InlineData("2026/11/01", null, "from")]
    [InlineData(null, "21-11-2026", "to")]
    [InlineData("2026-11-22", "2026-11-21", "from")]
    [InlineData("2025-01-01", "2026-11-21", "to")]
    public void A_date_that_is_not_yyyy_mm_dd_a_reversed_or_an_overlong_period_is_refused_naming_the_field_T7(string? from, string? to, string field)
    {
        var period = ReportPeriod.Resolve(from, to, Today);

        Assert.False(period.IsSuccess);
        Assert.Equal("validation_failed", period.Error.Code);
        Assert.Equal([field], period.Error.Fields.Keys);
    }

    [Theory]
    [InlineData(null, "0001-01-05", "to")]
    [InlineData("0001-01-01", "2026-11-01", "from")]
    [InlineData("2026-11-01", "9999-12-31", "to")]
    [InlineData("1999-12-31", "2000-01-01", "from")]
    [InlineData("2199-12-31", "2200-01-01", "to")]
    public void Dates_outside_the_accepted_range_2000_to_2199_are_refused_naming_the_field_instead_of_overflowing_T7(string? from, string to, string field)
    {
        var period = ReportPeriod.Resolve(from, to, Today);

        Assert.False(period.IsSuccess);
        Assert.Equal([field], period.Error.Fields.Keys);
    }

    [Theory]
    [InlineData("2000-01-01", "2000-01-31")]
    [InlineData("2199-12-01", "2199-12-31")]
    public void The_first_and_last_days_of_the_accepted_range_are_reported_and_the_period_ends_within_the_calendar_T7(string from, string to)
    {
        var period = ReportPeriod.Resolve(from, to, Today).Value;

        Assert.Equal(31, period.To.DayNumber - period.From.DayNumber + 1);
        Assert.True(period.EndExclusive > period.Start);
    }
}
