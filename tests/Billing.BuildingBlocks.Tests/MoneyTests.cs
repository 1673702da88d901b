using Billing.SharedKernel;
using Xunit;

namespace Billing.BuildingBlocks.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("USD", "10.5", 1050)]
    [InlineData("USD", "0.01", 1)]
    [InlineData("JPY", "1500", 1500)]
    [InlineData("KWD", "1.234", 1234)]
    public void An_amount_in_major_units_converts_exactly_to_minor_units_M1(string code, string major, long minor)
    {
        Assert.True(Money.TryFromMajor(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture), Currency.Of(code), out var money));
        Assert.Equal(minor, money.Minor);
    }

    [Theory]
    [InlineData("USD", "10.505")]
    [InlineData("JPY", "1.5")]
    [InlineData("KWD", "0.0001")]
    public void An_amount_with_more_decimals_than_the_currency_has_is_refused_not_rounded_M1(string code, string major) =>
        Assert.False(Money.TryFromMajor(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture), Currency.Of(code), out _));

    [Theory]
    [InlineData(1050, 10, 105)]
    [InlineData(15, 10, 2)]
    [InlineData(25, 10, 3)]
    [InlineData(24, 10, 2)]
    [InlineData(-15, 10, -2)]
    [InlineData(333, 33, 110)]
    [InlineData(1, 50, 1)]
    [InlineData(0, 100, 0)]
    public void A_percentage_rounds_half_away_from_zero_in_minor_units_M2(long minor, int percent, long expected) =>
        Assert.Equal(expected, new Money(minor, Currency.Usd).Percent(percent).Minor);

    [Theory]
    [InlineData("USD")]
    [InlineData("KWD")]
    public void An_amount_too_large_to_scale_to_minor_units_is_refused_instead_of_overflowing_M1(string code)
    {
        Assert.False(Money.TryFromMajor(decimal.MaxValue, Currency.Of(code), out _));
        Assert.False(Money.TryFromMajor(decimal.MinValue, Currency.Of(code), out _));
    }

    [Fact]
    public void Amounts_of_different_currencies_are_never_added_M1() =>
        Assert.Throws<InvalidOperationException>(() => new Money(100, Currency.Usd) + new Money(100, Currency.Of("EUR")));

    [Theory]
    [InlineData("USD", 2000, "$20.00")]
    [InlineData("USD", -150, "-$1.50")]
    [InlineData("JPY", 1500, "¥1,500")]
    [InlineData("KWD", 1250, "KWD 1.250")]
    [InlineData("EUR", 123456, "€1,234.56")]
    public void Money_formats_with_the_currency_s_own_decimals(string code, long minor, string expected) =>
        Assert.Equal(expected, new Money(minor, Currency.Of(code)).Format());
}
