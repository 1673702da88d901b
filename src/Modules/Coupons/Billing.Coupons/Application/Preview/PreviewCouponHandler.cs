using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Preview;

/// <summary>
/// I7: answers the terms a coupon code would give a would-be purchase, after the refusals redemption would make
/// (R1), reading only: the counters that enforce the limits are compared, never written.
/// </summary>
internal sealed class PreviewCouponHandler(CouponsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<PreviewCoupon, Result<CouponPreview>>
{
    public async Task<Result<CouponPreview>> Handle(PreviewCoupon request, CancellationToken cancellationToken)
    {
        var target = await FindAsync(Coupon.Normalize(request.Code), request.Code, cancellationToken);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        var (coupon, uniqueCode) = target.Value;
        if (coupon.RefusalFor(request.Currency, clock.GetUtcNow()) is { } refusal)
        {
            return refusal;
        }

        if (uniqueCode?.State == UniqueCodeState.Redeemed)
        {
            return Error.Rule("unique_code_redeemed", $"The code '{uniqueCode.Code}' has already been redeemed (C16).");
        }

        if (uniqueCode?.State == UniqueCodeState.Expired)
        {
            return Error.Rule("unique_code_expired", $"The code '{uniqueCode.Code}' has expired (C16).");
        }

        if (!coupon.IsEligibleFor(request.PlanCode))
        {
            return Error.Rule("plan_not_eligible", $"Coupon '{coupon.Code}' does not apply to plan '{request.PlanCode}' (C7).");
        }

        if (request.AccountCode is not null)
        {
            var account = await mediator.Send(new GetAccount(request.AccountCode), cancellationToken);
            if (!account.IsSuccess)
            {
                return account.Error;
            }

            if (coupon.MaxRedemptionsPerAccount is { } cap
                && await db.AccountRedemptionCounts.AsNoTracking().AnyAsync(c => c.CouponId == coupon.Id && c.AccountCode == request.AccountCode && c.Redemptions >= cap, cancellationToken))
            {
                return Error.Rule("max_redemptions_per_account_reached", $"Account '{request.AccountCode}' has already redeemed coupon '{coupon.Code}' {cap} time(s).");
            }
        }

        var settings = await db.Settings.AsNoTracking().SingleAsync(cancellationToken);
        return new CouponPreview(
            settings.MultipleCouponsPerAccount,
            new StackingSettings(settings.OneTimeChargesDiscountable, Wire<StackingOrder>.Name(settings.StackingOrder), Wire<PercentMode>.Name(settings.PercentMode)),
            coupon.Id,
            coupon.Code,
            Wire<RedemptionResource>.Name(coupon.RedemptionResource),
            Wire<DiscountType>.Name(coupon.DiscountType),
            coupon.Percent,
            coupon.DiscountType == DiscountType.Fixed ? coupon.FixedAmounts[request.Currency] : null,
            coupon.NonPlanCharges,
            coupon.InvoiceDescription);
    }

    /// <summary>The coupon a code names, found as redemption finds it: a coupon's own code (the redeemable one first), or a bulk coupon's unique code.</summary>
    private async Task<Result<(Coupon Coupon, UniqueCode? UniqueCode)>> FindAsync(string normalized, string code, CancellationToken cancellationToken)
    {
        var coupon = await db.Coupons.AsNoTracking()
            .Where(c => c.NormalizedCode == normalized)
            .OrderBy(c => c.State == CouponState.Redeemable ? 0 : 1)
            .ThenByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (coupon is not null)
        {
            return coupon.CouponType == CouponType.Bulk
                ? Error.Rule("unique_code_required", $"Coupon '{coupon.Code}' is a bulk coupon: use one of its unique codes (C16).")
                : (coupon, null);
        }

        var uniqueCode = await db.UniqueCodes.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedCode == normalized, cancellationToken);
        if (uniqueCode is not null)
        {
            return (await db.Coupons.AsNoTracking().SingleAsync(c => c.Id == uniqueCode.CouponId, cancellationToken), uniqueCode);
        }

        return Error.NotFound("coupon_not_found", $"No coupon has the code '{code}'.");
    }
}
