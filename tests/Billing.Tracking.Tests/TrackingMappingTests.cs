using Billing.Tracking.Application;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.TestKit;
using Xunit;

namespace Billing.Tracking.Tests;

public sealed class TrackingMappingTests
{
    [Fact]
    public void The_tracking_mapping_compiles_with_every_DTO_member_mapped() =>
        MappingAssert.CompilesWithEveryDtoMemberMapped(TrackingMappingConfig.Create());

    [Fact]
    public void A_DTO_member_nothing_maps_fails_the_tracking_mapping() =>
        MappingAssert.RefusesADtoMemberNothingMaps<Conversion>(TrackingMappingConfig.Create());

    [Fact]
    public void A_sale_shows_its_amount_as_decimal_text_and_its_status_by_name_in_each_form_T3()
    {
        var sale = new Conversion
        {
            Id = "v1",
            Cid = "cid",
            ConversionTypeCode = "sale",
            Status = ConversionStatus.OnHold,
            Amount = new DecimalAmount(1_005_000),
            Currency = "USD",
            CustomParams = new() { [CustomParamNames.All[1]] = "b" },
        };

        var dto = sale.ToDto();
        var seed = sale.ToSeedDto();

        Assert.Equal(("on_hold", "100.5", "USD"), (dto.Status, dto.Amount, dto.Currency));
        Assert.Equal(new CustomParams(null, "b", null, null, null), dto.CustomParams);
        Assert.Equal(("CONVERSION_STATUS_ON_HOLD", new ConversionAmount("100.5", "USD")), (seed.Status, seed.Amount));
    }

    [Fact]
    public void A_conversion_without_amount_or_custom_params_shows_neither_T2()
    {
        var redeem = new Conversion { Id = "v2", Cid = "cid", ConversionTypeCode = "couponredeem", Status = ConversionStatus.Approved };

        var dto = redeem.ToDto();
        var seed = redeem.ToSeedDto();

        Assert.Null(dto.Amount);
        Assert.Null(dto.CustomParams);
        Assert.Null(seed.Amount);
        Assert.Null(seed.CustomParams);
    }
}
