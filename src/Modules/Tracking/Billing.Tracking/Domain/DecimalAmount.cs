using System.Globalization;
using System.Text.RegularExpressions;
using Billing.SharedKernel;

namespace Billing.Tracking.Domain;

/// <summary>
/// A conversion amount as seed 000 writes it, a decimal string such as <c>"100.5"</c> (T3), kept exactly as a
/// whole number of ten-thousandths — never a floating point number. Up to <see cref="MaxIntegerDigits"/> digits
/// before the dot and <see cref="MaxDecimals"/> after it, which holds every ISO 4217 minor unit (at most 3).
/// </summary>
internal readonly partial record struct DecimalAmount(long TenThousandths)
{
    public const int MaxIntegerDigits = 10;
    public const int MaxDecimals = 4;
    public const long Scale = 10_000;

    public bool IsPositive => TenThousandths > 0;

    /// <summary>Reads digits with an optional dot and fraction; no sign, exponent, spaces or thousands separators.</summary>
    public static bool TryParse(string? text, out DecimalAmount amount)
    {
        amount = default;
        var match = text is null ? Match.Empty : Grammar().Match(text);
        if (!match.Success)
        {
            return false;
        }

        long units = long.Parse(match.Groups["units"].Value, CultureInfo.InvariantCulture);
        long fraction = long.Parse(match.Groups["fraction"].Value.PadRight(MaxDecimals, '0'), CultureInfo.InvariantCulture);
        amount = new DecimalAmount((units * Scale) + fraction);
        return true;
    }

    public static DecimalAmount Parse(string text) =>
        TryParse(text, out var amount) ? amount : throw new ArgumentException($"'{text}' is not a decimal amount.", nameof(text));

    /// <summary>An amount in minor units of a currency (an invoice total) as a conversion amount: 6980 USD cents is 69.8.</summary>
    public static DecimalAmount FromMinor(long minor, Currency currency) => new(checked(minor * (Scale / currency.MinorPerMajor)));

    /// <summary>True when the amount has no more decimals than <paramref name="currency"/>'s minor unit (M1).</summary>
    public bool FitsDecimalsOf(Currency currency) => TenThousandths % (Scale / currency.MinorPerMajor) == 0;

    /// <summary>The shortest exact decimal string: <c>100.5</c>, <c>69.8</c>, <c>100</c> (decimal division is exact here).</summary>
    public override string ToString() => ((decimal)TenThousandths / Scale).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<units>[0-9]{1,10})(?:\.(?<fraction>[0-9]{1,4}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
