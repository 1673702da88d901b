using Billing.SharedKernel;
using Billing.Tracking.Domain;
using Xunit;

namespace Billing.Tracking.Tests;

public sealed class DecimalAmountTests
{
    [Theory]
    [InlineData("100.5", 1_005_000L)]
    [InlineData("100", 1_000_000L)]
    [InlineData("0.0001", 1L)]
    [InlineData("007.50", 75_000L)]
    [InlineData("9999999999.9999", 99_999_999_999_999L)]
    public void A_decimal_string_is_kept_exactly_as_ten_thousandths_T3(string text, long tenThousandths)
    {
        Assert.True(DecimalAmount.TryParse(text, out var amount));
        Assert.Equal(tenThousandths, amount.TenThousandths);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 100")]
    [InlineData("100 ")]
    [InlineData("100.5\n")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1e3")]
    [InlineData("100,5")]
    [InlineData("1,000.00")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1.23456")]
    [InlineData("12345678901")]
    [InlineData("NaN")]
    [InlineData("١٠٠")]
    [InlineData(null)]
    public void Anything_but_digits_with_an_optional_dot_and_at_most_four_decimals_is_not_an_amount_T3(string? text) =>
        Assert.False(DecimalAmount.TryParse(text, out _));

    [Theory]
    [InlineData("100.5", "100.5")]
    [InlineData("100.50", "100.5")]
    [InlineData("100.0000", "100")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("007", "7")]
    public void An_amount_reads_back_as_its_shortest_exact_decimal_string(string text, string shown) =>
        Assert.Equal(shown, DecimalAmount.Parse(text).ToString());

    [Fact]
    public void Zero_is_an_amount_but_not_a_positive_one_T3()
    {
        Assert.True(DecimalAmount.TryParse("0.00", out var zero));
        Assert.False(zero.IsPositive);
        Assert.True(DecimalAmount.Parse("0.0001").IsPositive);
    }

    [Theory]
    [InlineData(6980L, "USD", "69.8")]
    [InlineData(1500L, "JPY", "1500")]
    [InlineData(1250L, "KWD", "1.25")]
    [InlineData(1L, "KWD", "0.001")]
    public void An_invoice_total_in_minor_units_becomes_the_same_amount_exactly_T6(long minor, string currency, string shown) =>
        Assert.Equal(shown, DecimalAmount.FromMinor(minor, Currency.Of(currency)).ToString());

    [Theory]
    [InlineData("10.5", "USD", true)]
    [InlineData("10.505", "USD", false)]
    [InlineData("1500", "JPY", true)]
    [InlineData("10.5", "JPY", false)]
    [InlineData("1.234", "KWD", true)]
    [InlineData("1.2345", "KWD", false)]
    public void An_amount_with_a_currency_has_no_more_decimals_than_the_currency_M1(string text, string currency, bool fits) =>
        Assert.Equal(fits, DecimalAmount.Parse(text).FitsDecimalsOf(Currency.Of(currency)));
}
