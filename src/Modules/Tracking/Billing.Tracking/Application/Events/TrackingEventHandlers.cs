using System.Globalization;
using Billing.BuildingBlocks.Outbox;
using Billing.Coupons.Contracts;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Tracking.Application.RecordConversions;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Events;

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
        conversion.ExternalId = integrationEvent.RedemptionId;
        conversion.AccountCode = integrationEvent.AccountCode;
        conversion.SubscriptionId = integrationEvent.SubscriptionId;
        conversion.RedemptionId = integrationEvent.RedemptionId;
        if ((await ledger.RecordAsync(conversion, cancellationToken)).Recorded is { } recorded)
        {
            Context.Publish(new CouponRedeemConversionRecorded(Guid.NewGuid(), recorded.CreatedAt, integrationEvent.RedemptionId, recorded.Cid, recorded.Id));
            await sales.RecordWaitingAsync(recorded, cancellationToken);
        }
    }

    private async Task<string> CountryOfAsync(string accountCode, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetAccount(accountCode), cancellationToken);
        return account.IsSuccess && Countries.TryNormalize(account.Value.Country, out var alpha2) ? alpha2 : Countries.Unknown;
    }
}

/// <summary>
/// T6 + P7: a paid invoice with a positive total on a subscription records its sale (see <see cref="InvoiceSales"/>);
/// a 0.00 invoice records none. The invoice is kept, so that a cid opened by a redemption whose event arrives later
/// still records the sale (issue 14.8).
/// </summary>
internal sealed class RecordInvoiceSale(TrackingDbContext db, InvoiceSales sales, TimeProvider clock)
    : IdempotentEventHandler<InvoicePaid, TrackingDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(InvoicePaid integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.TotalMinor <= 0 || integrationEvent.SubscriptionId is null)
        {
            return;
        }

        var invoice = new PaidInvoice
        {
            Number = integrationEvent.InvoiceNumber,
            AccountCode = integrationEvent.AccountCode,
            SubscriptionId = integrationEvent.SubscriptionId,
            Currency = integrationEvent.Currency,
            TotalMinor = integrationEvent.TotalMinor,
            IssuedAt = integrationEvent.IssuedAt,
            PaidAt = integrationEvent.OccurredAt,
        };
        if (await Context.PaidInvoices.AnyAsync(i => i.Number == invoice.Number, cancellationToken))
        {
            return;
        }

        Context.PaidInvoices.Add(invoice);
        await Context.SaveChangesAsync(cancellationToken);
        await sales.RecordAsync(invoice, cancellationToken);
    }
}

/// <summary>
/// P7 + T5: a full refund sets the invoice's sale to <c>refunded</c>; the paid invoice remembers it, so a sale recorded
/// later (its cid opened after the refund arrived) is recorded as refunded. A partial refund leaves the sale as it is.
/// </summary>
internal sealed class MarkSaleRefunded(TrackingDbContext db, TimeProvider clock)
    : IdempotentEventHandler<InvoiceRefunded, TrackingDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(InvoiceRefunded integrationEvent, CancellationToken cancellationToken)
    {
        if (!integrationEvent.FullyRefunded)
        {
            return;
        }

        string externalId = integrationEvent.InvoiceNumber.ToString(CultureInfo.InvariantCulture);
        if (await Context.PaidInvoices.FirstOrDefaultAsync(i => i.Number == integrationEvent.InvoiceNumber, cancellationToken) is { } invoice)
        {
            invoice.Refunded = true;
        }

        if (await Context.Conversions.FirstOrDefaultAsync(c => c.ConversionTypeCode == ConversionTypeCodes.Sale && c.ExternalId == externalId, cancellationToken) is { } sale)
        {
            sale.Status = ConversionStatus.Refunded;
        }
    }
}
