using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Billing.SharedKernel;

/// <summary>An ISO 4217 currency and the number of decimals of its minor unit (M1).</summary>
public sealed record Currency
{
    private static readonly FrozenDictionary<string, Currency> Known = new (string Code, int Exponent)[]
    {
        ("JPY", 0), ("KRW", 0), ("CLP", 0), ("ISK", 0), ("VND", 0), ("PYG", 0), ("UGX", 0), ("XAF", 0), ("XOF", 0),
        ("USD", 2), ("EUR", 2), ("GBP", 2), ("CAD", 2), ("AUD", 2), ("NZD", 2), ("CHF", 2), ("SEK", 2), ("NOK", 2),
        ("DKK", 2), ("PLN", 2), ("CZK", 2), ("HUF", 2), ("RON", 2), ("BGN", 2), ("ILS", 2), ("INR", 2), ("BRL", 2),
        ("MXN", 2), ("ZAR", 2), ("SGD", 2), ("HKD", 2), ("CNY", 2), ("TWD", 2), ("THB", 2), ("MYR", 2), ("PHP", 2),
        ("IDR", 2), ("TRY", 2), ("AED", 2), ("SAR", 2), ("QAR", 2), ("EGP", 2), ("NGN", 2), ("KES", 2), ("ARS", 2),
        ("COP", 2), ("PEN", 2), ("UAH", 2),
        ("KWD", 3), ("BHD", 3), ("JOD", 3), ("OMR", 3), ("TND", 3), ("LYD", 3), ("IQD", 3),
    }.ToFrozenDictionary(c => c.Code, c => new Currency(c.Code, c.Exponent), StringComparer.Ordinal);

    private Currency(string code, int exponent)
    {
        Code = code;
        Exponent = exponent;
        MinorPerMajor = (long)Math.Pow(10, exponent);
    }

    public string Code { get; }

    /// <summary>Decimals of the minor unit: JPY 0, USD 2, KWD 3.</summary>
    public int Exponent { get; }

    public long MinorPerMajor { get; }

    public static Currency Usd => Known["USD"];

    public static bool TryFind(string? code, [NotNullWhen(true)] out Currency? currency)
    {
        currency = null;
        return code is not null && Known.TryGetValue(code, out currency);
    }

    public static Currency Of(string code) =>
        TryFind(code, out var currency) ? currency : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));

    public override string ToString() => Code;
}
