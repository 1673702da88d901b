using System.Globalization;

namespace Billing.SharedKernel;

/// <summary>An amount in integer minor units of one currency (M1). Never a floating point number.</summary>
public readonly record struct Money(long Minor, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>The largest amount the API takes, in major units: quantities × amounts then stay far from overflow.</summary>
    public const decimal MaxMajor = 1_000_000_000m;

    /// <summary>
    /// Converts an amount in major units (as the API receives it) to minor units; refuses an amount with
    /// more decimals than the currency has instead of rounding it, and one beyond ±<see cref="MaxMajor"/>.
    /// </summary>
    public static bool TryFromMajor(decimal major, Currency currency, out Money money)
    {
        money = default;
        if (Math.Abs(major) > MaxMajor)
        {
            return false;
        }

        // Bounded first: scaling a huge amount would overflow decimal itself (issue 25).
        decimal scaled = major * currency.MinorPerMajor;
        if (scaled != decimal.Truncate(scaled))
        {
            return false;
        }

        money = new Money((long)scaled, currency);
        return true;
    }

    public decimal ToMajor() => (decimal)Minor / Currency.MinorPerMajor;

    public bool IsZero => Minor == 0;

    public bool IsPositive => Minor > 0;

    public static Money operator +(Money left, Money right) => new(checked(left.Minor + right.Minor), SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(checked(left.Minor - right.Minor), SameCurrency(left, right));

    public static Money operator *(Money money, long factor) => new(checked(money.Minor * factor), money.Currency);

    public static Money Min(Money left, Money right) => left.Minor <= right.Minor ? left : new Money(right.Minor, SameCurrency(left, right));

    /// <summary>
    /// <paramref name="percent"/> percent of this amount, rounded half away from zero to the minor unit (M2).
    /// Exact integer arithmetic: no intermediate floating point value.
    /// </summary>
    public Money Percent(int percent) => new(Rounding.DivideHalfAwayFromZero(checked(Minor * percent), 100), Currency);

    /// <summary>Formats as a person reads it: <c>$20.00</c>, <c>¥1,500</c>, <c>KWD 1.250</c>.</summary>
    public string Format()
    {
        string number = ToMajor().ToString("N" + Currency.Exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return Currency.Code switch
        {
            "USD" => Sign() + "$" + Trim(number),
            "EUR" => Sign() + "€" + Trim(number),
            "GBP" => Sign() + "£" + Trim(number),
            "JPY" => Sign() + "¥" + Trim(number),
            _ => Currency.Code + " " + number,
        };
    }

    public override string ToString() => Format();

    private string Sign() => Minor < 0 ? "-" : string.Empty;

    private static string Trim(string number) => number.TrimStart('-');

    private static Currency SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new InvalidOperationException($"Cannot combine {left.Currency} and {right.Currency} amounts (M1).");
}
