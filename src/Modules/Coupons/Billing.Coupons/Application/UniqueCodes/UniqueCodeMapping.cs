using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Mapster;

namespace Billing.Coupons.Application.UniqueCodes;

internal static class UniqueCodeMapping
{
    public static UniqueCodeDto ToDto(this UniqueCode code) => code.Adapt<UniqueCodeDto>(CouponsMappingConfig.Config);
}
