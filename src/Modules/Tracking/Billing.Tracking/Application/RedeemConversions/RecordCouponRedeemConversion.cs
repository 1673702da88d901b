using Billing.BuildingBlocks.Outbox;
using Billing.Coupons.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Tracking.Application.RecordConversions;
using Billing.Tracking.Application.Sales;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using MediatR;

namespace Billing.Tracking.Application.RedeemConversions;

/// <summary>
/// T6: a redemption records its couponredeem conversion, located in the account's country, and publishes the cid
/// it opened so that Coupons stores it with the redemption — when the merchant has created the couponredeem type
/// (T1); otherwise the redemption stands and nothing is tracked. The redemption id is the externalId, so the
/// ledger refuses a second conversion for one redemption (T4).
/// </summary>
internal sealed class RecordCouponRedeemConversion(
    TrackingDbContext db,
    ConversionLedger ledger,
    IMediator mediator,
    UntrackedRedemptionsNotice notice,
    InvoiceSales sales,
    TimeProvider clock)
    : IdempotentEventHandler<CouponRedeemed, TrackingDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(CouponRedeemed integrationEvent, CancellationToken cancellationToken)
    {
        if (!await Context.ConversionTypeExistsAsync(ConversionTypeCodes.CouponRedeem, cancellationToken))
        {
            notice.RedemptionNotTracked(integrationEvent.RedemptionId);
            return;
        }

        var conversion = Conversion.OpenCid(
            integrationEvent.CouponCode,
            ConversionStatuses.Default,
            await CountryOfAsync(integrationEvent.AccountCode, cancellationToken),
            integrationEvent.OccurredAt);
        conversion.OpenedBy(integrationEvent.RedemptionId, integrationEvent.AccountCode, integrationEvent.SubscriptionId);
        if ((await ledger.RecordAsync(conversion, cancellationToken)).Recorded is { } recorded)
        {
            Context.Publish(new CouponRedeemConversionRecorded(Guid.NewGuid(), recorded.CreatedAt, integrationEvent.RedemptionId, recorded.Cid, recorded.Id));
            await sales.RecordWaitingAsync(recorded, cancellationToken);
        }
    }

    private async Task<string> CountryOfAsync(string accountCode, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetAccount(accountCode), cancellationToken);
        return account.IsSuccess && Countries.TryNormalize(account.Value.Country, out var alpha2) ? alpha2 : Conversion.UnknownGeoLocation;
    }
}
