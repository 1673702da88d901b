using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.SharedKernel;

namespace Billing.Coupons.Application.UniqueCodes;

internal static class UniqueCodeMapping
{
    public static UniqueCodeDto ToDto(this UniqueCode code) =>
        new(code.Code, code.CouponId, Wire<UniqueCodeState>.Name(code.State), code.RedemptionId, code.CreatedAt, code.RedeemedAt, code.ExpiredAt);
}
