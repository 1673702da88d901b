namespace Billing.SharedKernel;

/// <summary>Decimal values shown as they were sent: SQLite reads 10 back as 10.0, so what is shown drops trailing zeros.</summary>
public static class Decimals
{
    /// <summary>The same value at its smallest scale (<c>10.0</c> is <c>10</c>, <c>8.250</c> is <c>8.25</c>).</summary>
    public static decimal WithoutTrailingZeros(this decimal value) => value / 1.0000000000000000000000000000m;
}
