using Billing.SharedKernel;
using Billing.Tracking.Domain;
using Xunit;

namespace Billing.Tracking.Tests;

public sealed class CountriesTests
{
    [Fact]
    public void The_list_holds_all_249_officially_assigned_alpha_2_codes_T2()
    {
        Assert.Equal(249, Countries.All.Count);
        Assert.All(Countries.All, code => Assert.Matches("^[A-Z]{2}$", code));
    }

    [Theory]
    [InlineData("US", "US")]
    [InlineData("DE", "DE")]
    [InlineData("de", "DE")]
    [InlineData("GB", "GB")]
    [InlineData("AX", "AX")]
    [InlineData("SS", "SS")]
    public void A_real_country_code_is_accepted_in_either_case_and_kept_in_capitals_T2(string code, string kept)
    {
        Assert.True(Countries.TryNormalize(code, out var alpha2));
        Assert.Equal(kept, alpha2);
    }

    [Theory]
    [InlineData("UK")]
    [InlineData("EU")]
    [InlineData("XK")]
    [InlineData("ZZ")]
    [InlineData("USA")]
    [InlineData("U")]
    [InlineData("")]
    [InlineData(null)]
    public void A_code_that_is_not_an_assigned_alpha_2_code_is_refused_T2(string? code) =>
        Assert.False(Countries.TryNormalize(code, out _));

    [Fact]
    public void An_unknown_country_is_the_seed_s_placeholder_US_T2() => Assert.Equal("US", Conversion.UnknownGeoLocation);
}
