using Billing.Coupons.Domain;
using Xunit;

namespace Billing.Coupons.Tests;

public sealed class CouponLifecycleRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static Coupon Redeemable() => new() { Id = "coupon_x", Code = "X", NormalizedCode = "X", State = CouponState.Redeemable };

    [Fact]
    public void Expiring_early_is_immediate_and_records_the_manual_reason_C12()
    {
        var coupon = Redeemable();

        Assert.Null(coupon.ExpireManually(Now));
        Assert.Equal(CouponState.Expired, coupon.State);
        Assert.Equal(ExpireReason.Manual, coupon.ExpireReason);
        Assert.Equal(Now, coupon.ExpiredAt);
        Assert.Equal("coupon_already_expired", coupon.ExpireManually(Now)?.Code);
    }

    [Fact]
    public void A_manually_expired_coupon_restores_as_it_was_C14()
    {
        var coupon = Redeemable();
        coupon.ExpireManually(Now);

        Assert.Null(coupon.Restore(null, null, Now));
        Assert.Equal(CouponState.Redeemable, coupon.State);
        Assert.Null(coupon.ExpireReason);
        Assert.Null(coupon.ExpiredAt);
    }

    [Fact]
    public void A_coupon_expired_by_redeem_by_restores_only_with_a_redeem_by_in_the_future_C14()
    {
        var coupon = new Coupon
        {
            Id = "coupon_x",
            Code = "X",
            NormalizedCode = "X",
            State = CouponState.Expired,
            RedeemBy = Now.AddDays(-1),
            ExpireReason = ExpireReason.RedeemBy,
        };

        Assert.Equal("restore_needs_new_redeem_by", coupon.Restore(null, null, Now)?.Code);
        Assert.Equal("redeem_by_in_past", coupon.Restore(Now.AddSeconds(-1), null, Now)?.Code);
        Assert.Equal(CouponState.Expired, coupon.State);
        Assert.Null(coupon.Restore(Now.AddDays(30), null, Now));
        Assert.Equal(Now.AddDays(30), coupon.RedeemBy);
    }

    [Fact]
    public void A_coupon_expired_by_max_redemptions_restores_only_with_a_higher_cap_C14()
    {
        var coupon = new Coupon
        {
            Id = "coupon_x",
            Code = "X",
            NormalizedCode = "X",
            State = CouponState.Expired,
            MaxRedemptions = 5,
            TimesRedeemed = 5,
            ExpireReason = ExpireReason.MaxRedemptions,
        };

        Assert.Equal("restore_needs_higher_max_redemptions", coupon.Restore(null, null, Now)?.Code);
        Assert.Equal("restore_needs_higher_max_redemptions", coupon.Restore(null, 5, Now)?.Code);
        Assert.Null(coupon.Restore(null, 6, Now));
        Assert.Equal(6, coupon.MaxRedemptions);
    }

    [Fact]
    public void A_redeemable_coupon_cannot_be_restored_C14() =>
        Assert.Equal("coupon_not_expired", Redeemable().Restore(null, null, Now)?.Code);

    [Fact]
    public void The_cap_cannot_go_below_times_redeemed_and_reaching_it_expires_the_coupon_C11_C13()
    {
        var coupon = new Coupon
        {
            Id = "coupon_x",
            Code = "X",
            NormalizedCode = "X",
            State = CouponState.Redeemable,
            TimesRedeemed = 4,
        };

        Assert.Equal("max_redemptions_below_times_redeemed", coupon.ChangeMaxRedemptions(3, Now)?.Code);
        Assert.Null(coupon.ChangeMaxRedemptions(10, Now));
        Assert.Equal(CouponState.Redeemable, coupon.State);
        Assert.Null(coupon.ChangeMaxRedemptions(4, Now));
        Assert.Equal(CouponState.Expired, coupon.State);
        Assert.Equal(ExpireReason.MaxRedemptions, coupon.ExpireReason);
    }

    [Theory]
    [InlineData(2, 3, true, false)]
    [InlineData(1, 3, true, true)]
    [InlineData(3, 3, false, false)]
    [InlineData(7, null, true, true)]
    public void The_guarded_redemption_statement_counts_under_the_cap_and_the_redemption_reaching_it_expires_the_coupon_R2_C13(
        int timesRedeemed, int? cap, bool counts, bool staysRedeemable)
    {
        var coupon = new Coupon { Id = "coupon_x", Code = "X", State = CouponState.Redeemable, TimesRedeemed = timesRedeemed, MaxRedemptions = cap };

        Assert.Equal(counts, Coupon.CanCountRedemption.Compile()(coupon));
        Assert.Equal(counts, coupon.RefusalFor("USD", Now) is null);
        if (counts)
        {
            Assert.Equal(staysRedeemable ? CouponState.Redeemable : CouponState.Expired, Coupon.StateAfterCountedRedemption.Compile()(coupon));
            Assert.Equal(staysRedeemable ? null : ExpireReason.MaxRedemptions, Coupon.ExpireReasonAfterCountedRedemption.Compile()(coupon));
            Assert.Equal(staysRedeemable ? null : Now, Coupon.ExpiredAtAfterCountedRedemption(Now).Compile()(coupon));
        }
    }

    [Fact]
    public void An_expired_coupon_is_never_counted_R2() =>
        Assert.False(Coupon.CanCountRedemption.Compile()(new Coupon { Id = "coupon_x", State = CouponState.Expired, ExpireReason = ExpireReason.Manual }));

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(null, false)]
    public void The_redeem_by_job_and_the_redemption_refusal_agree_on_when_redeem_by_has_passed_C6_C13(int? secondsFromNow, bool passed)
    {
        var coupon = new Coupon { Id = "coupon_x", Code = "X", State = CouponState.Redeemable, RedeemBy = secondsFromNow is { } s ? Now.AddSeconds(s) : null };

        Assert.Equal(passed, Coupon.IsPastRedeemBy(Now).Compile()(coupon));
        Assert.Equal(passed ? "redeem_by_passed" : null, coupon.RefusalFor("USD", Now)?.Code);
    }
}
