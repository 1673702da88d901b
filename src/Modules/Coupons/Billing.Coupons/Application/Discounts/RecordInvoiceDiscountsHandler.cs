using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Discounts;

/// <summary>R3 + R5: records on each redemption what an issued invoice took off (<see cref="Redemption.RecordInvoiceDiscount"/>).</summary>
internal sealed class RecordInvoiceDiscountsHandler(CouponsDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<RecordInvoiceDiscounts, Result<int>>
{
    public async Task<Result<int>> Handle(RecordInvoiceDiscounts request, CancellationToken cancellationToken)
    {
        var ids = request.Redemptions.Select(r => r.RedemptionId).ToList();
        var redemptions = await db.Redemptions.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var couponIds = redemptions.Values.Select(r => r.CouponId).Distinct().ToList();
        var coupons = await db.Coupons.AsNoTracking().Where(c => couponIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var period = await PeriodOf(request, cancellationToken);
        if (!period.IsSuccess)
        {
            return period.Error;
        }

        foreach (var applied in request.Redemptions)
        {
            if (!redemptions.TryGetValue(applied.RedemptionId, out var redemption))
            {
                return RedemptionNotFound(applied.RedemptionId);
            }

            redemption.RecordInvoiceDiscount(coupons[redemption.CouponId], applied.AmountMinor, period.Value, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var redemption in redemptions.Values)
        {
            db.Entry(redemption).State = EntityState.Detached;
        }

        return redemptions.Count;
    }

    /// <summary>
    /// The billing period the invoice bills: a period invoice's own; a change invoice's is its subscription's current
    /// period (a change never moves the period); one-time charges bill none.
    /// </summary>
    private async Task<Result<(string SubscriptionId, DateTimeOffset Start)?>> PeriodOf(RecordInvoiceDiscounts request, CancellationToken cancellationToken)
    {
        if (request.SubscriptionId is not { } subscriptionId)
        {
            return Result<(string, DateTimeOffset)?>.Success(null);
        }

        if (request.PeriodStart is { } start)
        {
            return Result<(string, DateTimeOffset)?>.Success((subscriptionId, start));
        }

        var subscription = await mediator.Send(new GetSubscription(subscriptionId), cancellationToken);
        return subscription.IsSuccess
            ? Result<(string, DateTimeOffset)?>.Success((subscriptionId, subscription.Value.CurrentPeriodStart))
            : subscription.Error;
    }

    public static Error RedemptionNotFound(string id) => Error.NotFound("redemption_not_found", $"Redemption '{id}' does not exist.");
}
