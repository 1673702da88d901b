using Billing.BuildingBlocks.Outbox;
using Billing.Coupons.Infrastructure;
using Billing.Tracking.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.ConversionCids;

/// <summary>T6: the cid that a redemption's couponredeem conversion opened is stored with the redemption.</summary>
internal sealed class StoreConversionCid(CouponsDbContext db, TimeProvider clock)
    : IdempotentEventHandler<CouponRedeemConversionRecorded, CouponsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(CouponRedeemConversionRecorded integrationEvent, CancellationToken cancellationToken)
    {
        var redemption = await Context.Redemptions.SingleOrDefaultAsync(r => r.Id == integrationEvent.RedemptionId, cancellationToken);
        if (redemption is not null)
        {
            redemption.RecordConversion(integrationEvent.Cid);
        }
    }
}
