using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.SharedKernel;

namespace Billing.Coupons.Application.Discounts;

/// <summary>An active redemption of the invoice's account and its coupon, before the rules decide whether it applies.</summary>
internal sealed record DiscountCandidate(Redemption Redemption, Coupon Coupon);

/// <summary>
/// The active redemptions that discount an invoice: of the account (account level) or of the
/// subscription, in the invoice currency, eligible for the plan, with duration left (R5), and with the
/// subscription-level one taking precedence when multiple coupons are off (R8). A temporal redemption that the
/// duration-expiry job already ended still discounts a period that started before its end, so a late renewal
/// catch-up gives the same invoices whichever job ran first (R5).
/// </summary>
internal static class ApplicableDiscountRules
{
    /// <summary>The redemptions that may discount an invoice for a period starting at <paramref name="at"/>, as a query.</summary>
    public static IQueryable<Redemption> MayDiscountAt(this IQueryable<Redemption> redemptions, DateTimeOffset at) =>
        redemptions.Where(r => r.State == RedemptionState.Active
            || (r.InactiveReason == InactiveReason.DurationEnded && r.EndsAt != null && r.EndsAt > at));

    /// <param name="candidates">The active redemptions of the invoice's account, with their coupons.</param>
    public static ApplicableDiscounts Select(CouponSettings settings, IEnumerable<DiscountCandidate> candidates, GetApplicableDiscounts request)
    {
        var applicable = candidates
            .Where(x => x.Redemption.State == RedemptionState.Active
                || (x.Redemption.InactiveReason == InactiveReason.DurationEnded && x.Redemption.EndsAt is { } ended && ended > request.At))
            .Where(x => x.Redemption.Currency == request.Currency)
            .Where(x => x.Redemption.Level == RedemptionResource.Account || (x.Redemption.SubscriptionId != null && x.Redemption.SubscriptionId == request.SubscriptionId))
            .Where(x => x.Coupon.DiscountType != DiscountType.FreeTrial)
            .Where(x => request.PlanCode is null || x.Coupon.IsEligibleFor(request.PlanCode))
            .Where(x => x.Redemption.EndsAt is not { } endsAt || endsAt > request.At)
            .Where(x => x.Coupon.PeriodLimit is not { } limit || x.Redemption.PeriodsDiscounted < limit)
            .Where(x => x.Coupon.DiscountType != DiscountType.Fixed || x.Coupon.FixedAmounts.ContainsKey(request.Currency))
            .ToList();
        if (!settings.MultipleCouponsPerAccount && applicable.Any(x => x.Redemption.Level == RedemptionResource.Subscription))
        {
            applicable.RemoveAll(x => x.Redemption.Level == RedemptionResource.Account);
        }

        // One coupon discounts one invoice at most once, however many of its redemptions the account holds: the oldest
        // applies, the others wait (issue 25 item 2: ten redemptions of a 10% coupon are not 100% off).
        var discounts = applicable
            .OrderBy(x => x.Redemption.CreatedAt).ThenBy(x => x.Redemption.Sequence)
            .DistinctBy(x => x.Coupon.Id)
            .Select(x => new ApplicableDiscount(
                x.Redemption.Id,
                x.Coupon.Id,
                x.Coupon.Code,
                x.Redemption.Level,
                x.Coupon.DiscountType,
                x.Coupon.Percent,
                x.Coupon.DiscountType == DiscountType.Fixed ? x.Coupon.FixedAmounts[request.Currency] : null,
                x.Coupon.NonPlanCharges,
                x.Coupon.InvoiceDescription,
                x.Redemption.CreatedAt,
                x.Redemption.Sequence))
            .ToList();
        return new ApplicableDiscounts(
            new StackingSettings(settings.OneTimeChargesDiscountable, settings.StackingOrder, settings.PercentMode),
            discounts);
    }
}
