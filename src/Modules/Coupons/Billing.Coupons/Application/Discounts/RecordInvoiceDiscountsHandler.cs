using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Discounts;

/// <summary>R3 + R5: records on each redemption what an issued invoice took off (<see cref="Redemption.RecordInvoiceDiscount"/>).</summary>
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
                return RedemptionNotFound(applied.RedemptionId);
            }

            redemption.RecordInvoiceDiscount(coupons[redemption.CouponId], applied.AmountMinor, request.ConsumesBillingPeriod, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var redemption in redemptions.Values)
        {
            db.Entry(redemption).State = EntityState.Detached;
        }

        return redemptions.Count;
    }

    public static Error RedemptionNotFound(string id) => Error.NotFound("redemption_not_found", $"Redemption '{id}' does not exist.");
}
