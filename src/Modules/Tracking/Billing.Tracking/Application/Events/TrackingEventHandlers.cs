using Billing.BuildingBlocks.Outbox;
using Billing.Coupons.Contracts;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Billing.Tracking.Application.Events;

/// <summary>
/// T6: a redemption records its couponredeem conversion and opens a cid — when the merchant has created
/// the couponredeem type (T1); otherwise the redemption stands and nothing is tracked.
/// </summary>
internal sealed class RecordCouponRedeemConversion(TrackingDbContext db, TimeProvider clock, ILogger<RecordCouponRedeemConversion> logger)
    : IdempotentEventHandler<CouponRedeemed, TrackingDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(CouponRedeemed integrationEvent, CancellationToken cancellationToken)
    {
        if (!await Context.ConversionTypes.AnyAsync(t => t.Code == ConversionType.CouponRedeem, cancellationToken))
        {
            logger.LogInformation("Conversion type 'couponredeem' is not configured; redemption {RedemptionId} is not tracked.", integrationEvent.RedemptionId);
            return;
        }

        Context.Conversions.Add(new Conversion
        {
            Id = Ids.New("conv"),
            Cid = Ids.New("cid", 20),
            ConversionTypeCode = ConversionType.CouponRedeem,
            Status = ConversionStatus.Approved,
            CouponCode = integrationEvent.CouponCode,
            ExternalId = integrationEvent.RedemptionId,
            AccountCode = integrationEvent.AccountCode,
            SubscriptionId = integrationEvent.SubscriptionId,
            RedemptionId = integrationEvent.RedemptionId,
            CreatedAt = integrationEvent.OccurredAt,
        });
    }
}

/// <summary>T6: an issued invoice with a positive total on a subscription carrying a cid records a sale.</summary>
internal sealed class RecordInvoiceSale(TrackingDbContext db, TimeProvider clock)
    : IdempotentEventHandler<InvoiceIssued, TrackingDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(InvoiceIssued integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.TotalMinor <= 0 || integrationEvent.SubscriptionId is null)
        {
            return;
        }

        var opening = await Context.Conversions.AsNoTracking()
            .Where(c => c.ConversionTypeCode == ConversionType.CouponRedeem
                && (c.SubscriptionId == integrationEvent.SubscriptionId || (c.SubscriptionId == null && c.AccountCode == integrationEvent.AccountCode)))
            .OrderByDescending(c => c.SubscriptionId != null)
            .ThenBy(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (opening is null)
        {
            return;
        }

        Context.Conversions.Add(new Conversion
        {
            Id = Ids.New("conv"),
            Cid = opening.Cid,
            ConversionTypeCode = ConversionType.Sale,
            Status = ConversionStatus.Approved,
            CouponCode = opening.CouponCode,
            ExternalId = integrationEvent.InvoiceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AmountMinor = integrationEvent.TotalMinor,
            Currency = integrationEvent.Currency,
            GeoLocation = opening.GeoLocation,
            AccountCode = integrationEvent.AccountCode,
            SubscriptionId = integrationEvent.SubscriptionId,
            CreatedAt = integrationEvent.OccurredAt,
        });
    }
}
