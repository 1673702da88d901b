using System.Globalization;
using Billing.SharedKernel;
using Billing.Tracking.Application.RecordConversions;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Sales;

/// <summary>
/// T6 + P7: the sale of a paid invoice with a positive total on a subscription that carries a cid — opened by a
/// redemption on that subscription, or else on its account, no later than the invoice was issued — with externalId =
/// the invoice number and amount = the invoice total. Judged as of the invoice's issue, so the result is the same
/// whichever event arrives first: the payment records the sale if the cid is already open, and the opening of a cid
/// records the sales of the paid invoices it was waiting for.
/// </summary>
internal sealed class InvoiceSales(TrackingDbContext db, ConversionLedger ledger)
{
    /// <summary>The payment's side: a sale already recorded under the invoice's number is refused and logged (T4).</summary>
    public async Task RecordAsync(PaidInvoice invoice, CancellationToken cancellationToken)
    {
        if (await OpenerOfAsync(invoice, cancellationToken) is { } opener)
        {
            await ledger.RecordAsync(Conversion.SaleOf(invoice, opener), cancellationToken);
        }
    }

    /// <summary>The cid's side: the paid invoices that <paramref name="opener"/> now credits and that have no sale yet.</summary>
    public async Task RecordWaitingAsync(Conversion opener, CancellationToken cancellationToken)
    {
        var waiting = await db.PaidInvoices.AsNoTracking()
            .Where(i => i.IssuedAt >= opener.CreatedAt
                && (opener.SubscriptionId != null ? i.SubscriptionId == opener.SubscriptionId : i.AccountCode == opener.AccountCode))
            .OrderBy(i => i.Number)
            .ToListAsync(cancellationToken);
        foreach (var invoice in waiting)
        {
            string externalId = invoice.Number.ToString(CultureInfo.InvariantCulture);
            if (await db.ByExternalIdAsync(ConversionTypeCodes.Sale, externalId, cancellationToken) is null
                && await OpenerOfAsync(invoice, cancellationToken) is { } credited)
            {
                await ledger.RecordAsync(Conversion.SaleOf(invoice, credited), cancellationToken);
            }
        }
    }

    private Task<Conversion?> OpenerOfAsync(PaidInvoice invoice, CancellationToken cancellationToken) =>
        db.Conversions.AsNoTracking()
            .Where(c => c.ConversionTypeCode == ConversionTypeCodes.CouponRedeem
                && c.CreatedAt <= invoice.IssuedAt
                && (c.SubscriptionId == invoice.SubscriptionId || (c.SubscriptionId == null && c.AccountCode == invoice.AccountCode)))
            .OrderByDescending(c => c.SubscriptionId != null)
            .ThenBy(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
