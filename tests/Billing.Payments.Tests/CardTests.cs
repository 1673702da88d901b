using Billing.Payments.Domain;
using Xunit;

namespace Billing.Payments.Tests;

/// <summary>P3: what Billing may tell of a card number without keeping it.</summary>
public sealed class CardTests
{
    [Theory]
    [InlineData("4242424242424242", true)]
    [InlineData("4242 4242 4242 4242", true)]
    [InlineData("4000000000000341", true)]
    [InlineData("4242424242424241", false)]
    [InlineData("42424242", false)]
    [InlineData("4242-4242-4242-4242", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_card_number_is_well_formed_when_it_has_12_to_19_digits_passing_the_Luhn_check(string? number, bool wellFormed) =>
        Assert.Equal(wellFormed, Card.IsWellFormed(number));

    [Theory]
    [InlineData("4242424242424242", "visa")]
    [InlineData("5555555555554444", "mastercard")]
    [InlineData("378282246310005", "amex")]
    [InlineData("6011111111111117", "discover")]
    public void A_card_s_brand_comes_from_its_first_digits(string number, string brand) => Assert.Equal(brand, Card.Brand(number));

    [Fact]
    public void A_card_is_valid_until_the_end_of_its_expiry_month()
    {
        var now = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

        Assert.True(Card.IsUnexpired(12, 2026, now));
        Assert.True(Card.IsUnexpired(1, 2027, now));
        Assert.False(Card.IsUnexpired(11, 2026, now));
    }
}
