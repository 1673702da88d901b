using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Mapster;

namespace Billing.Coupons.Application.Settings;

internal static class CouponSettingsMapping
{
    public static CouponSettingsDto ToDto(this CouponSettings settings) => settings.Adapt<CouponSettingsDto>(CouponsMappingConfig.Config);
}
