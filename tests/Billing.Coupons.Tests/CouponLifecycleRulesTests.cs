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
        var coupon = Redeemable();
        coupon.RedeemBy = Now.AddDays(-1);
        coupon.State = CouponState.Expired;
        coupon.ExpireReason = ExpireReason.RedeemBy;

        Assert.Equal("restore_needs_new_redeem_by", coupon.Restore(null, null, Now)?.Code);
        Assert.Equal("redeem_by_in_past", coupon.Restore(Now.AddSeconds(-1), null, Now)?.Code);
        Assert.Equal(CouponState.Expired, coupon.State);
        Assert.Null(coupon.Restore(Now.AddDays(30), null, Now));
        Assert.Equal(Now.AddDays(30), coupon.RedeemBy);
    }

    [Fact]
    public void A_coupon_expired_by_max_redemptions_restores_only_with_a_higher_cap_C14()
    {
        var coupon = Redeemable();
        coupon.MaxRedemptions = 5;
        coupon.TimesRedeemed = 5;
        coupon.State = CouponState.Expired;
        coupon.ExpireReason = ExpireReason.MaxRedemptions;

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
        var coupon = Redeemable();
        coupon.TimesRedeemed = 4;

        Assert.Equal("max_redemptions_below_times_redeemed", coupon.ChangeMaxRedemptions(3, Now)?.Code);
        Assert.Null(coupon.ChangeMaxRedemptions(10, Now));
        Assert.Equal(CouponState.Redeemable, coupon.State);
        Assert.Null(coupon.ChangeMaxRedemptions(4, Now));
        Assert.Equal(CouponState.Expired, coupon.State);
        Assert.Equal(ExpireReason.MaxRedemptions, coupon.ExpireReason);
    }
}
