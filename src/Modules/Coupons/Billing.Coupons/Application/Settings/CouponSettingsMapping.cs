using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.SharedKernel;

namespace Billing.Coupons.Application.Settings;

internal static class CouponSettingsMapping
{
    public static CouponSettingsDto ToDto(this CouponSettings settings) => new(
        settings.MultipleCouponsPerAccount,
        settings.OneTimeChargesDiscountable,
        Wire<StackingOrder>.Name(settings.StackingOrder),
        Wire<PercentMode>.Name(settings.PercentMode),
        settings.TimeZone);
}
