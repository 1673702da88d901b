using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Discounts;

/// <summary>
/// The bill run's recording for a batch of invoices: their redemptions and coupons in two queries, each invoice's
/// discounts recorded in order in memory, and each changed redemption written once with one reused statement.
/// Redemptions written here are not tracked: the bill run reads them again only through new queries.
/// </summary>
internal sealed class RecordManyInvoiceDiscountsHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<RecordManyInvoiceDiscounts, Result<int>>
{
    public async Task<Result<int>> Handle(RecordManyInvoiceDiscounts request, CancellationToken cancellationToken)
    {
        var ids = request.Invoices.SelectMany(i => i.Redemptions).Select(r => r.RedemptionId).Distinct().ToList();
        var redemptions = await db.Redemptions.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var couponIds = redemptions.Values.Select(r => r.CouponId).Distinct().ToList();
        var coupons = await db.Coupons.AsNoTracking().Where(c => EF.Parameter(couponIds).Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var invoice in request.Invoices)
        {
            // The bill run issues period invoices, each with its subscription and period start.
            (string, DateTimeOffset)? period = invoice is { SubscriptionId: { } subscriptionId, PeriodStart: { } start } ? (subscriptionId, start) : null;
            foreach (var applied in invoice.Redemptions)
            {
                if (!redemptions.TryGetValue(applied.RedemptionId, out var redemption))
                {
                    return RecordInvoiceDiscountsHandler.RedemptionNotFound(applied.RedemptionId);
                }

                redemption.RecordInvoiceDiscount(coupons[redemption.CouponId], applied.AmountMinor, period, now);
            }
        }

        using var writer = RowWriter<Redemption>.Updating(db);
        foreach (var redemption in redemptions.Values)
        {
            writer.Write(redemption);
        }

        return redemptions.Count;
    }
}
