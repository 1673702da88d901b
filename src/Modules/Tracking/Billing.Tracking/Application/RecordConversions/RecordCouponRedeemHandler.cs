using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using MediatR;

namespace Billing.Tracking.Application.RecordConversions;

/// <summary>T2: a posted couponredeem conversion opens a new cid, which the answer carries.</summary>
internal sealed class RecordCouponRedeemHandler(TrackingDbContext db, ConversionLedger ledger, TimeProvider clock)
    : IRequestHandler<RecordCouponRedeem, Result<ConversionOutcome>>
{
    public async Task<Result<ConversionOutcome>> Handle(RecordCouponRedeem request, CancellationToken cancellationToken)
    {
        var input = request.Conversion;
        if (await db.UnknownReferenceAsync(ConversionTypeCodes.CouponRedeem, input.RevenueOriginId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var conversion = Conversion.OpenCid(
                input.CouponCode!,
                ConversionStatuses.ParseOrDefault(input.Status),
                input.GeoLocation() ?? Conversion.UnknownGeoLocation,
                clock.GetUtcNow())
            .WithOptionalFields(input);
        return (await ledger.RecordAsync(conversion, cancellationToken)).ToOutcome();
    }
}
