using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Discounts;

/// <summary>
/// The active redemptions that discount an invoice: of the account (account level) or of the
/// subscription, in the invoice currency, eligible for the plan, with duration left (R5), and with the
/// subscription-level one taking precedence when multiple coupons are off (R8).
/// </summary>
internal sealed class GetApplicableDiscountsHandler(CouponsDbContext db) : IRequestHandler<GetApplicableDiscounts, Result<ApplicableDiscounts>>
{
    public async Task<Result<ApplicableDiscounts>> Handle(GetApplicableDiscounts request, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.AsNoTracking().SingleAsync(cancellationToken);
        var candidates = await db.Redemptions.AsNoTracking()
            .Where(r => r.AccountCode == request.AccountCode && r.State == RedemptionState.Active && r.Currency == request.Currency)
            .Where(r => r.Level == RedemptionResource.Account || (r.SubscriptionId != null && r.SubscriptionId == request.SubscriptionId))
            .Join(db.Coupons.AsNoTracking(), r => r.CouponId, c => c.Id, (r, c) => new { Redemption = r, Coupon = c })
            .ToListAsync(cancellationToken);

        var applicable = candidates
            .Where(x => x.Coupon.DiscountType != DiscountType.FreeTrial)
            .Where(x => request.PlanCode is null || x.Coupon.IsEligibleFor(request.PlanCode))
            .Where(x => x.Redemption.EndsAt is not { } endsAt || endsAt > request.At)
            .Where(x => x.Coupon.PeriodLimit is not { } limit || x.Redemption.PeriodsDiscounted < limit)
            .Where(x => x.Coupon.DiscountType != DiscountType.Fixed || x.Coupon.FixedAmounts.ContainsKey(request.Currency))
            .ToList();
        if (!settings.MultipleCouponsPerAccount && applicable.Any(x => x.Redemption.Level == RedemptionResource.Subscription))
        {
            applicable.RemoveAll(x => x.Redemption.Level == RedemptionResource.Account);
        }

        var discounts = applicable
            .OrderBy(x => x.Redemption.CreatedAt).ThenBy(x => x.Redemption.Id)
            .Select(x => new ApplicableDiscount(
                x.Redemption.Id,
                x.Coupon.Id,
                x.Coupon.Code,
                Wire<RedemptionResource>.Name(x.Redemption.Level),
                Wire<DiscountType>.Name(x.Coupon.DiscountType),
                x.Coupon.Percent,
                x.Coupon.DiscountType == DiscountType.Fixed ? x.Coupon.FixedAmounts[request.Currency] : null,
                x.Coupon.NonPlanCharges,
                x.Coupon.InvoiceDescription,
                x.Redemption.CreatedAt))
            .ToList();
        return new ApplicableDiscounts(
            new StackingSettings(settings.OneTimeChargesDiscountable, Wire<StackingOrder>.Name(settings.StackingOrder), Wire<PercentMode>.Name(settings.PercentMode)),
            discounts);
    }
}
