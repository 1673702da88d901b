using Billing.Coupons.Application;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.TestKit;
using Xunit;

namespace Billing.Coupons.Tests;

public sealed class CouponsMappingTests
{
    [Fact]
    public void The_coupons_mapping_compiles_with_every_DTO_member_mapped() =>
        MappingAssert.CompilesWithEveryDtoMemberMapped(CouponsMappingConfig.Create());

    [Fact]
    public void A_DTO_member_nothing_maps_fails_the_coupons_mapping() =>
        MappingAssert.RefusesADtoMemberNothingMaps<Coupon>(CouponsMappingConfig.Create());

    [Fact]
    public void A_fixed_coupon_shows_its_amounts_in_major_units_by_currency_code_and_its_enums_by_wire_name_M1()
    {
        var coupon = new Coupon
        {
            Id = "c1",
            Code = "SAVE",
            Name = "Save",
            DiscountType = DiscountType.Fixed,
            FixedAmounts = new() { ["USD"] = 1050, ["JPY"] = 500, ["EUR"] = 5 },
            DurationType = DurationType.Temporal,
            DurationAmount = 3,
            DurationUnit = TimeUnit.Month,
            AllPlans = false,
            PlanCodes = ["gold"],
            RedemptionResource = RedemptionResource.Subscription,
            CouponType = CouponType.SingleCode,
            State = CouponState.Expired,
            ExpireReason = Domain.ExpireReason.MaxRedemptions,
        };

        var dto = coupon.ToDto(uniqueCodesIssued: 0);

        Assert.Equal(
            new CurrencyAmount[] { new("EUR", 0.05m), new("JPY", 500m), new("USD", 10.50m) },
            dto.Discount.Amounts);
        Assert.Equal(DurationSpec.Temporal(3, TimeUnit.Month), dto.Duration);
        Assert.Null(dto.Discount.Trial);
        Assert.Equal(["gold"], dto.AppliesTo.PlanCodes!);
        Assert.Equal(("subscription", "single_code", "expired", "max_redemptions", false), (dto.RedemptionResource, dto.CouponType, dto.State, dto.ExpireReason, dto.Valid));
        Assert.Null(dto.UniqueCodesRemaining);
    }

    [Fact]
    public void A_bulk_coupon_shows_how_many_codes_its_template_can_still_produce_C16()
    {
        var coupon = new Coupon { Id = "c2", Code = "BULK", Name = "Bulk", DiscountType = DiscountType.Percent, Percent = 10, CouponType = CouponType.Bulk, UniqueCodeTemplate = "'B-'9" };

        var dto = coupon.ToDto(uniqueCodesIssued: 4);

        Assert.Equal(6, dto.UniqueCodesRemaining);
    }

    [Fact]
    public void A_redemption_shows_what_it_discounted_in_major_units_of_its_currency_R3()
    {
        var redemption = new Redemption { Id = "r1", Currency = "USD", DiscountedMinor = 1999, State = RedemptionState.Active };

        var dto = redemption.ToDto();

        Assert.Equal([new CurrencyAmount("USD", 19.99m)], dto.TotalDiscounted);
        Assert.Equal("active", dto.State);
        Assert.Null(dto.InactiveReason);
    }
}
