using System.Globalization;
using Billing.BuildingBlocks.Outbox;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Tracking.Application.RecordConversions;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Events;

/// <summary>
/// T6: an issued invoice with a positive total on a subscription that carries a cid — opened by a redemption on
/// that subscription, or else on its account, no later than the invoice — records a sale with externalId = the
/// invoice number and amount = the invoice total. Judged as of the invoice, so an invoice issued before a
/// redemption is not credited to it however late its event is delivered. A sale already recorded under that
/// invoice number is refused and logged by the ledger (T4).
/// </summary>
internal sealed class RecordInvoiceSale(TrackingDbContext db, ConversionLedger ledger, TimeProvider clock)
    : IdempotentEventHandler<InvoiceIssued, TrackingDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(InvoiceIssued integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.TotalMinor <= 0 || integrationEvent.SubscriptionId is null)
        {
            return;
        }

        var opener = await Context.Conversions.AsNoTracking()
            .Where(c => c.ConversionTypeCode == ConversionTypeCodes.CouponRedeem
                && c.CreatedAt <= integrationEvent.OccurredAt
                && (c.SubscriptionId == integrationEvent.SubscriptionId || (c.SubscriptionId == null && c.AccountCode == integrationEvent.AccountCode)))
            .OrderByDescending(c => c.SubscriptionId != null)
            .ThenBy(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (opener is null)
        {
            return;
        }

        var sale = Conversion.On(opener, ConversionTypeCodes.Sale, ConversionStatuses.Default, geoLocation: null, integrationEvent.OccurredAt);
        sale.ExternalId = integrationEvent.InvoiceNumber.ToString(CultureInfo.InvariantCulture);
        sale.Amount = DecimalAmount.FromMinor(integrationEvent.TotalMinor, Currency.Of(integrationEvent.Currency));
        sale.Currency = integrationEvent.Currency;
        sale.SubscriptionId = integrationEvent.SubscriptionId;
        await ledger.RecordAsync(sale, cancellationToken);
    }
}
