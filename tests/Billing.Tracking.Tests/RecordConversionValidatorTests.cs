using Billing.Tracking.Application.RecordConversions;
using Billing.Tracking.Contracts;
using Xunit;

namespace Billing.Tracking.Tests;

public sealed class RecordConversionValidatorTests
{
    /// <summary>Seed 000's sale call.</summary>
    private static readonly ConversionInput SeedSale = new(
        CouponCode: null,
        Cid: "cid_k3v9q2m8x7d4w1c5abcd",
        Status: null,
        ConversionTypeCode: "sale",
        GeoLocation: null,
        RevenueOriginId: null,
        Amount: new ConversionAmount("100.5", null),
        ExternalId: "ch_3MtwBwLkdIwHu7ix",
        CustomerId: "cus_42",
        CustomParams: new CustomParams("campaign-7", null, null, null, null));

    /// <summary>Seed 000's coupon redeem call.</summary>
    private static readonly ConversionInput SeedCouponRedeem = new(
        CouponCode: "SAVE10",
        Cid: null,
        Status: "CONVERSION_STATUS_APPROVED",
        ConversionTypeCode: "couponredeem",
        GeoLocation: "US",
        RevenueOriginId: "5f0c1e9a-7f3e-4a8b-9d2c-1b6e8f4a2c3d",
        Amount: null,
        ExternalId: null,
        CustomerId: null,
        CustomParams: null);

    private static string[] SaleErrors(ConversionInput input) =>
        new RecordSaleValidator().Validate(new RecordSale(input)).Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static string[] RedeemErrors(ConversionInput input) =>
        new RecordCouponRedeemValidator().Validate(new RecordCouponRedeem(input)).Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_seed_s_coupon_redeem_call_is_valid_T2() => Assert.Empty(RedeemErrors(SeedCouponRedeem));

    [Fact]
    public void The_seed_s_sale_call_is_valid_T3() => Assert.Empty(SaleErrors(SeedSale));

    [Fact]
    public void A_sale_names_its_cid_amount_and_external_id_and_each_missing_one_is_named_in_the_seed_s_camel_case_T3() =>
        Assert.Equal(["amount", "cid", "externalId"], SaleErrors(SeedSale with { Cid = null, Amount = null, ExternalId = null }));

    [Fact]
    public void A_conversion_of_another_type_on_a_cid_needs_no_amount_or_external_id_T3() =>
        Assert.Empty(SaleErrors(SeedSale with { ConversionTypeCode = "lead", Amount = null, ExternalId = null }));

    [Fact]
    public void A_coupon_redeem_names_its_coupon_code_and_sends_no_cid_because_it_opens_one_T2() =>
        Assert.Equal(["cid", "couponCode"], RedeemErrors(SeedCouponRedeem with { CouponCode = null, Cid = "cid_abc" }));

    [Fact]
    public void A_couponredeem_conversion_is_never_recorded_as_a_sale_on_a_cid_T2() =>
        Assert.Equal(["conversionTypeCode"], SaleErrors(SeedSale with { ConversionTypeCode = "couponredeem" }));

    [Fact]
    public void A_conversion_type_code_is_required_and_lower_case_T1()
    {
        Assert.Equal(["conversionTypeCode"], SaleErrors(SeedSale with { ConversionTypeCode = null }));
        Assert.Equal(["conversionTypeCode"], SaleErrors(SeedSale with { ConversionTypeCode = "Sale" }));
    }

    [Theory]
    [InlineData("100,5")]
    [InlineData("-100.5")]
    [InlineData("0")]
    [InlineData("1.23456")]
    [InlineData("")]
    [InlineData(null)]
    public void An_amount_value_that_is_not_a_positive_decimal_string_is_refused_T3(string? value) =>
        Assert.Equal(["amount.value"], SaleErrors(SeedSale with { Amount = new ConversionAmount(value, null) }));

    [Fact]
    public void An_amount_with_a_currency_has_a_real_currency_and_no_more_decimals_than_it_M1()
    {
        Assert.Empty(SaleErrors(SeedSale with { Amount = new ConversionAmount("10.5", "USD") }));
        Assert.Equal(["amount.currency"], SaleErrors(SeedSale with { Amount = new ConversionAmount("10.5", "usd") }));
        Assert.Equal(["amount.value"], SaleErrors(SeedSale with { Amount = new ConversionAmount("10.505", "USD") }));
    }

    [Theory]
    [InlineData("ZZ")]
    [InlineData("USA")]
    [InlineData("UK")]
    public void A_geo_location_is_an_iso_3166_alpha_2_code_T2(string geoLocation) =>
        Assert.Equal(["geoLocation"], SaleErrors(SeedSale with { GeoLocation = geoLocation }));

    [Theory]
    [InlineData("DONE")]
    [InlineData("CONVERSION_STATUS_PAID")]
    public void A_status_outside_T5_is_refused_T5(string status) =>
        Assert.Equal(["status"], SaleErrors(SeedSale with { Status = status }));

    [Fact]
    public void Custom_params_are_bounded_in_length_per_field() =>
        Assert.Equal(["customParams.advS3"], SaleErrors(SeedSale with { CustomParams = new CustomParams(null, null, new string('x', 256), null, null) }));

    [Theory]
    [InlineData("INV/2026/7")]
    [InlineData("ch_1\n")]
    public void An_external_id_has_no_slash_or_control_character_because_it_names_the_conversion_in_a_url_T5(string externalId) =>
        Assert.Equal(["externalId"], SaleErrors(SeedSale with { ExternalId = externalId }));

    [Fact]
    public void A_coupon_code_follows_C1_and_a_revenue_origin_id_is_a_slug_or_uuid() =>
        Assert.Equal(["couponCode", "revenueOriginId"], RedeemErrors(SeedCouponRedeem with { CouponCode = "SAVE 10!", RevenueOriginId = "origin one" }));
}
