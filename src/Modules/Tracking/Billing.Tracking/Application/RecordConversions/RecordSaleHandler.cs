using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.RecordConversions;

/// <summary>
/// T3: a sale (or another conversion type) on the cid a couponredeem conversion opened. It is credited to that
/// coupon unless it names one; a repeated (type, externalId) is refused and logged by the ledger (T4).
/// </summary>
internal sealed class RecordSaleHandler(TrackingDbContext db, ConversionLedger ledger, TimeProvider clock)
    : IRequestHandler<RecordSale, Result<ConversionOutcome>>
{
    public async Task<Result<ConversionOutcome>> Handle(RecordSale request, CancellationToken cancellationToken)
    {
        var input = request.Conversion;
        string type = input.ConversionTypeCode!;
        if (await db.UnknownReferenceAsync(type, input.RevenueOriginId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var opener = await db.OpenerAsync(input.Cid!, cancellationToken);
        if (opener is null)
        {
            return TrackingErrors.UnknownCid(input.Cid);
        }

        var conversion = Conversion.On(opener, type, ConversionStatuses.ParseOrDefault(input.Status), input.GeoLocation(), clock.GetUtcNow())
            .WithOptionalFields(input);
        conversion.CreditCoupon(input.CouponCode ?? opener.CouponCode);
        return (await ledger.RecordAsync(conversion, cancellationToken)).ToOutcome();
    }
}
