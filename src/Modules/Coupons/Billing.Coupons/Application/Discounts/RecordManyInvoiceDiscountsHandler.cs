using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;

namespace Billing.Coupons.Application.Discounts;

/// <summary>
/// R3 + R5: records on each redemption what issued invoices took off (<see cref="Domain.Redemption.RecordInvoiceDiscount"/>),
/// for one invoice or the bill run's batch alike (issue 19: <see cref="RecordInvoiceDiscountsHandler"/> sends a batch
/// of one). The redemptions and their coupons are read in two queries, each invoice's discounts recorded in order in
/// memory, and each changed redemption written once (<see cref="RedemptionStore.WriteRedemptions"/>), all in the
/// issuing transaction.
/// </summary>
internal sealed class RecordManyInvoiceDiscountsHandler(CouponsDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<RecordManyInvoiceDiscounts, Result<int>>
{
    public async Task<Result<int>> Handle(RecordManyInvoiceDiscounts request, CancellationToken cancellationToken)
    {
        var ids = request.Invoices.SelectMany(i => i.Redemptions).Select(r => r.RedemptionId).Distinct().ToList();
        var redemptions = await db.RedemptionsByIdAsync(ids, cancellationToken);
        var coupons = await db.CouponsOfAsync(redemptions.Values, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var invoice in request.Invoices)
        {
            var period = await PeriodOf(invoice, cancellationToken);
            if (!period.IsSuccess)
            {
                return period.Error;
            }

            foreach (var applied in invoice.Redemptions)
            {
                if (!redemptions.TryGetValue(applied.RedemptionId, out var redemption))
                {
                    return CouponErrors.RedemptionMissing(applied.RedemptionId);
                }

                redemption.RecordInvoiceDiscount(coupons[redemption.CouponId], applied.AmountMinor, period.Value, now);
            }
        }

        db.WriteRedemptions(redemptions.Values);
        return redemptions.Count;
    }

    /// <summary>
    /// The billing period the invoice bills: a period invoice's own (every invoice of the bill run); a change invoice's
    /// is its subscription's current period (a change never moves the period); one-time charges bill none.
    /// </summary>
    private async Task<Result<(string SubscriptionId, DateTimeOffset Start)?>> PeriodOf(RecordInvoiceDiscounts invoice, CancellationToken cancellationToken)
    {
        if (invoice.SubscriptionId is not { } subscriptionId)
        {
            return Result<(string, DateTimeOffset)?>.Success(null);
        }

        if (invoice.PeriodStart is { } start)
        {
            return Result<(string, DateTimeOffset)?>.Success((subscriptionId, start));
        }

        var subscription = await mediator.Send(new GetSubscription(subscriptionId), cancellationToken);
        return subscription.IsSuccess
            ? Result<(string, DateTimeOffset)?>.Success((subscriptionId, subscription.Value.CurrentPeriodStart))
            : subscription.Error;
    }
}
