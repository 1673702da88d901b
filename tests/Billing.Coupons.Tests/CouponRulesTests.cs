using Billing.Coupons.Application.CouponCreation;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Xunit;

namespace Billing.Coupons.Tests;

public sealed class CouponRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static Coupon Coupon() => new()
    {
        Id = "coupon_test",
        Code = "SAVE10",
        NormalizedCode = "SAVE10",
        DiscountType = DiscountType.Percent,
        Percent = 10,
        State = CouponState.Redeemable,
    };

    [Fact]
    public void Codes_are_case_insensitive_C1() => Assert.Equal(Domain.Coupon.Normalize("Save10"), Domain.Coupon.Normalize("sAVE10"));

    [Fact]
    public void A_date_alone_means_the_end_of_that_day_in_the_site_time_zone_C6()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.True(RedeemByParser.TryParse("2026-12-31", TimeZoneInfo.Utc, out var utc));
        Assert.True(RedeemByParser.TryParse("2026-12-31", newYork, out var eastern));

        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero), utc);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 4, 59, 59, TimeSpan.Zero), eastern);
    }

    [Theory]
    [InlineData("2026-12-31T10:00:00Z", true)]
    [InlineData("2026-12-31T10:00:00+02:00", true)]
    [InlineData("31/12/2026", false)]
    [InlineData("tomorrow", false)]
    public void Redeem_by_accepts_an_instant_or_a_date_and_nothing_else_C6(string text, bool valid) =>
        Assert.Equal(valid, RedeemByParser.TryParse(text, TimeZoneInfo.Utc, out _));

    [Theory]
    [InlineData(false, false, true, true, null)]
    [InlineData(true, false, true, true, "(C8)")]
    [InlineData(false, true, true, true, "(C4)")]
    [InlineData(false, false, false, true, "plan charges only (C7)")]
    [InlineData(false, false, true, false, "(C7, C17)")]
    public void A_one_time_charge_is_discounted_only_by_an_account_level_amount_coupon_for_one_time_charges_the_site_allows_C7_C8_S7(
        bool subscriptionLevel, bool freeTrial, bool nonPlanCharges, bool siteAllows, string? why)
    {
        var level = subscriptionLevel ? RedemptionResource.Subscription : RedemptionResource.Account;
        var type = freeTrial ? DiscountType.FreeTrial : DiscountType.Percent;
        var coupon = new Coupon
        {
            Id = "coupon_test",
            Code = "SMS20",
            NormalizedCode = "SMS20",
            DiscountType = type,
            Percent = type == DiscountType.Percent ? 20 : null,
            RedemptionResource = level,
            NonPlanCharges = nonPlanCharges,
            State = CouponState.Redeemable,
        };

        var refusal = coupon.RefusalForOneTimeCharge("sms100", siteAllows);

        Assert.Equal(why is null ? null : "package_not_eligible", refusal?.Code);
        Assert.Contains(why ?? string.Empty, refusal?.Message ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_coupon_is_refused_with_coupon_expired_R1()
    {
        var coupon = new Coupon
        {
            Id = "coupon_test",
            Code = "SAVE10",
            NormalizedCode = "SAVE10",
            DiscountType = DiscountType.Percent,
            Percent = 10,
            State = CouponState.Expired,
            ExpireReason = ExpireReason.Manual,
        };

        Assert.Equal("coupon_expired", coupon.RefusalFor("USD", Now)?.Code);
    }

    [Fact]
    public void A_coupon_past_redeem_by_is_refused_at_redemption_time_even_before_the_job_expires_it_C13()
    {
        var coupon = new Coupon
        {
            Id = "coupon_test",
            Code = "SAVE10",
            NormalizedCode = "SAVE10",
            DiscountType = DiscountType.Percent,
            Percent = 10,
            State = CouponState.Redeemable,
            RedeemBy = Now.AddSeconds(-1),
        };

        Assert.Equal("redeem_by_passed", coupon.RefusalFor("USD", Now)?.Code);
    }

    [Fact]
    public void A_coupon_at_its_cap_is_refused_with_max_redemptions_reached_R1()
    {
        var coupon = new Coupon
        {
            Id = "coupon_test",
            Code = "SAVE10",
            NormalizedCode = "SAVE10",
            DiscountType = DiscountType.Percent,
            Percent = 10,
            State = CouponState.Redeemable,
            MaxRedemptions = 3,
            TimesRedeemed = 3,
        };

        Assert.Equal("max_redemptions_reached", coupon.RefusalFor("USD", Now)?.Code);
    }

    [Fact]
    public void A_fixed_coupon_without_an_amount_in_the_currency_is_refused_R1()
    {
        var coupon = new Coupon
        {
            Id = "coupon_test",
            Code = "SAVE10",
            NormalizedCode = "SAVE10",
            DiscountType = DiscountType.Fixed,
            Percent = 10,
            State = CouponState.Redeemable,
            FixedAmounts = new() { ["EUR"] = 5_00 },
        };

        Assert.Equal("currency_not_supported", coupon.RefusalFor("USD", Now)?.Code);
        Assert.Null(coupon.RefusalFor("EUR", Now));
    }

    [Theory]
    [InlineData("single_use", null, 1)]
    [InlineData("billing_periods", 3, 3)]
    [InlineData("forever", null, null)]
    [InlineData("temporal", null, null)]
    public void Single_use_and_billing_periods_count_billing_periods_C5_R5(string type, int? periods, int? expected)
    {
        var coupon = new Coupon
        {
            Id = "coupon_test",
            Code = "SAVE10",
            NormalizedCode = "SAVE10",
            DiscountType = DiscountType.Percent,
            Percent = 10,
            State = CouponState.Redeemable,
            DurationType = Billing.SharedKernel.Wire<DurationType>.Parse(type),
            DurationPeriods = periods,
        };

        Assert.Equal(expected, coupon.PeriodLimit);
    }

    [Fact]
    public void A_temporal_duration_ends_its_length_after_the_redemption_C5()
    {
        var coupon = new Coupon
        {
            Id = "coupon_test",
            Code = "SAVE10",
            NormalizedCode = "SAVE10",
            DiscountType = DiscountType.Percent,
            Percent = 10,
            State = CouponState.Redeemable,
            DurationType = DurationType.Temporal,
            DurationAmount = 3,
            DurationUnit = TimeUnit.Month,
        };

        Assert.Equal(new DateTimeOffset(2027, 2, 21, 12, 0, 0, TimeSpan.Zero), coupon.DurationEndsAt(Now));
    }

    [Fact]
    public void Eligibility_is_all_plans_or_the_listed_plan_codes_C7()
    {
        Assert.True(Coupon().IsEligibleFor("anything"));

        var coupon = new Coupon { Id = "coupon_test", Code = "SAVE10", AllPlans = false, PlanCodes = ["plan-a"] };

        Assert.True(coupon.IsEligibleFor("plan-a"));
        Assert.False(coupon.IsEligibleFor("plan-b"));
        Assert.False(coupon.IsEligibleFor(null));
    }
}
