using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Discounts;

/// <summary>
/// R3 + R5: adds each redemption's discount to its total and, for a billing-period invoice, consumes one
/// period; a billing_periods redemption whose periods are used up becomes inactive, and a single_use one
/// after the first invoice it discounted (a period invoice, or any invoice it took money off).
/// </summary>
internal sealed class RecordInvoiceDiscountsHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<RecordInvoiceDiscounts, Result<int>>
{
    public async Task<Result<int>> Handle(RecordInvoiceDiscounts request, CancellationToken cancellationToken)
    {
        var ids = request.Redemptions.Select(r => r.RedemptionId).ToList();
        var redemptions = await db.Redemptions.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var couponIds = redemptions.Values.Select(r => r.CouponId).Distinct().ToList();
        var coupons = await db.Coupons.AsNoTracking().Where(c => couponIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var applied in request.Redemptions)
        {
            if (!redemptions.TryGetValue(applied.RedemptionId, out var redemption))
            {
                return Error.NotFound("redemption_not_found", $"Redemption '{applied.RedemptionId}' does not exist.");
            }

            redemption.DiscountedMinor += applied.AmountMinor;
            var coupon = coupons[redemption.CouponId];
            if (request.ConsumesBillingPeriod)
            {
                redemption.PeriodsDiscounted++;
            }

            bool used = coupon.DurationType == DurationType.SingleUse && applied.AmountMinor > 0;
            if (used || (coupon.PeriodLimit is { } limit && redemption.PeriodsDiscounted >= limit))
            {
                redemption.Deactivate(InactiveReason.DurationEnded, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var redemption in redemptions.Values)
        {
            db.Entry(redemption).State = EntityState.Detached;
        }

        return redemptions.Count;
    }
}
