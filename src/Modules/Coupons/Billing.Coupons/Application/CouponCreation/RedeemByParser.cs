using System.Globalization;
using Billing.SharedKernel;

namespace Billing.Coupons.Application.CouponCreation;

/// <summary>
/// C6: redeem_by is an instant, or a date meaning 23:59:59 of that day in the site's time zone; either within the
/// accepted range (<see cref="InstantRange"/>: a date is checked as a date, so no site zone moves it out).
/// </summary>
internal static class RedeemByParser
{
    public static readonly string Rule = InstantRange.DateOrInstantRule("redeem_by") + " (C6)";

    public static bool TryParse(string text, TimeZoneInfo siteZone, out DateTimeOffset redeemBy)
    {
        // The instant parser skips white space around the value: "2026-12-01T00:00:00Z\n" is not a date (issue 25).
        if (text.Any(char.IsWhiteSpace))
        {
            redeemBy = default;
            return false;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var endOfDay = date.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Unspecified);
            redeemBy = new DateTimeOffset(endOfDay, siteZone.GetUtcOffset(endOfDay)).ToUniversalTime();
            return InstantRange.Contains(date);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out redeemBy)
            && text.Contains('T', StringComparison.Ordinal))
        {
            return InstantRange.Contains(redeemBy);
        }

        redeemBy = default;
        return false;
    }

    /// <summary>Parses an already validated redeem_by with the site's time zone (C6, C17).</summary>
    public static DateTimeOffset InSiteZone(string text, string timeZoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        return TryParse(text, zone, out var redeemBy) ? redeemBy : throw new FormatException($"redeem_by '{text}' was not validated.");
    }
}
