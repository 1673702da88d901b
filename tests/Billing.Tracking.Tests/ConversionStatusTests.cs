using Billing.Tracking.Domain;
using Xunit;

namespace Billing.Tracking.Tests;

public sealed class ConversionStatusTests
{
    [Theory]
    [InlineData("approved", "Approved")]
    [InlineData("CONVERSION_STATUS_APPROVED", "Approved")]
    [InlineData("pending", "Pending")]
    [InlineData("CONVERSION_STATUS_PENDING", "Pending")]
    [InlineData("on_hold", "OnHold")]
    [InlineData("CONVERSION_STATUS_ON_HOLD", "OnHold")]
    [InlineData("rejected", "Rejected")]
    [InlineData("refunded", "Refunded")]
    [InlineData("Refunded", "Refunded")]
    [InlineData("CONVERSION_STATUS_FRAUD", "Fraud")]
    public void A_status_is_read_in_the_short_form_and_in_seed_000_s_form_T5(string text, string status)
    {
        Assert.True(ConversionStatuses.TryParse(text, out var parsed));
        Assert.Equal(Enum.Parse<ConversionStatus>(status), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("approve")]
    [InlineData("onhold")]
    [InlineData("on-hold")]
    [InlineData("CONVERSION_STATUS_")]
    [InlineData("CONVERSION_STATUS_PAID")]
    [InlineData("CONVERSION_STATUS_CONVERSION_STATUS_APPROVED")]
    [InlineData(null)]
    public void Anything_else_is_not_a_status_T5(string? text) => Assert.False(ConversionStatuses.TryParse(text, out _));

    [Fact]
    public void A_conversion_is_approved_unless_it_says_otherwise_T5() =>
        Assert.Equal(ConversionStatus.Approved, ConversionStatuses.ParseOrDefault(null));

    [Theory]
    [InlineData("Approved", "approved", "CONVERSION_STATUS_APPROVED")]
    [InlineData("OnHold", "on_hold", "CONVERSION_STATUS_ON_HOLD")]
    [InlineData("Refunded", "refunded", "CONVERSION_STATUS_REFUNDED")]
    public void A_status_is_written_short_for_the_api_and_in_seed_form_for_the_seed_endpoint_T5(string status, string shortName, string seedName)
    {
        Assert.Equal(shortName, ConversionStatuses.ShortName(Enum.Parse<ConversionStatus>(status)));
        Assert.Equal(seedName, ConversionStatuses.SeedName(Enum.Parse<ConversionStatus>(status)));
    }
}
