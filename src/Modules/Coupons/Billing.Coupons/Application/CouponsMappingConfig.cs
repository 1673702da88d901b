using Billing.BuildingBlocks.Mapping;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Mapster;

namespace Billing.Coupons.Application;

/// <summary>
/// The Coupons module's Mapster configuration, entity → DTO: members of the same name are copied, enums map to
/// their wire names and amounts per currency through the registered converters; only what is computed is spelt
/// out. <see cref="CouponsModule"/> registers it, to be compiled when the host starts.
/// </summary>
internal static class CouponsMappingConfig
{
    /// <summary>The module's configuration (each pair compiles on first use, and the whole once the host has started).</summary>
    public static TypeAdapterConfig Config { get; } = Create();

    /// <summary>A new, uncompiled configuration (the tests compile it themselves).</summary>
    public static TypeAdapterConfig Create()
    {
        var config = ModuleMapping.NewConfig()
            .MapToWireName<DiscountType>()
            .MapToWireName<TimeUnit>()
            .MapToWireName<DurationType>()
            .MapToWireName<RedemptionResource>()
            .MapToWireName<CouponType>()
            .MapToWireName<CouponState>()
            .MapToWireName<ExpireReason>()
            .MapToWireName<RedemptionState>()
            .MapToWireName<InactiveReason>()
            .MapToWireName<UniqueCodeState>()
            .MapToWireName<StackingOrder>()
            .MapToWireName<PercentMode>();

        config.NewConfig<KeyValuePair<string, long>, CurrencyAmount>()
            .MapWith(amount => new CurrencyAmount(amount.Key, ModuleMapping.Money(amount.Value, amount.Key).ToMajor()));

        config.NewConfig<Coupon, CouponDto>()
            .Map(dto => dto.Discount, coupon => coupon)
            .Map(dto => dto.Duration, coupon => coupon)
            .Map(dto => dto.AppliesTo, coupon => coupon)
            .Map(dto => dto.Valid, coupon => coupon.State == CouponState.Redeemable)
            .Ignore(dto => dto.UniqueCodesRemaining);
        config.NewConfig<Coupon, DiscountSpec>()
            .Map(spec => spec.Type, coupon => coupon.DiscountType)
            .Map(spec => spec.Amounts, coupon => coupon.DiscountType == DiscountType.Fixed ? coupon.FixedAmounts.OrderBy(amount => amount.Key, StringComparer.Ordinal) : null)
            .Map(spec => spec.Trial, coupon => coupon.TrialUnit != null && coupon.TrialLength != null ? coupon : null);
        config.NewConfig<Coupon, TrialSpec>()
            .Map(trial => trial.Unit, coupon => coupon.TrialUnit!.Value)
            .Map(trial => trial.Length, coupon => coupon.TrialLength!.Value);
        config.NewConfig<Coupon, DurationSpec>()
            .Map(duration => duration.Type, coupon => coupon.DurationType)
            .Map(duration => duration.Amount, coupon => coupon.DurationAmount)
            .Map(duration => duration.Unit, coupon => coupon.DurationUnit)
            .Map(duration => duration.Periods, coupon => coupon.DurationPeriods);
        config.NewConfig<Coupon, AppliesToSpec>()
            .Map(appliesTo => appliesTo.PlanCodes, coupon => coupon.AllPlans ? null : coupon.PlanCodes);

        config.NewConfig<Redemption, RedemptionDto>()
            .Map(dto => dto.TotalDiscounted, redemption => new[] { new KeyValuePair<string, long>(redemption.Currency, redemption.DiscountedMinor) });

        config.NewConfig<UniqueCode, UniqueCodeDto>();
        config.NewConfig<CouponSettings, CouponSettingsDto>();
        return config;
    }
}
