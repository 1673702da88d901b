using Billing.Invoicing.Contracts;
using Billing.SharedKernel;

namespace Billing.Invoicing.Domain;

/// <summary>A priced line before discounts (I2). <see cref="Amount"/> is quantity × unit amount, minor units.</summary>
internal sealed record DraftLine(LineType Type, string Code, string Description, int Quantity, long UnitAmount)
{
    public long Amount => checked(Quantity * UnitAmount);

    public bool IsSubscriptionCharge => Type is LineType.SetupFee or LineType.Plan or LineType.AddOn or LineType.ProrationCharge;
}

/// <summary>A redemption as the engine sees it: its terms, and its age for ordering (C17): when it was redeemed, then its place in the order redemptions were made.</summary>
internal sealed record CouponDiscount(
    string RedemptionId,
    string CouponCode,
    bool IsPercent,
    int Percent,
    long FixedAmount,
    bool AppliesToOneTimeCharges,
    DateTimeOffset RedeemedAt,
    long Sequence);

/// <summary>C17 stacking settings.</summary>
internal sealed record StackingPolicy(bool OneTimeChargesDiscountable, bool FixedFirst, bool CompoundPercent)
{
    public static readonly StackingPolicy Default = new(false, false, false);
}

/// <summary>One coupon's discount on one line.</summary>
internal readonly record struct LineDiscount(int LineIndex, string RedemptionId, string CouponCode, long Amount);

/// <summary>The engine's answer: the discounts per line, and the redemptions that applied to the invoice.</summary>
internal sealed record DiscountOutcome(IReadOnlyList<LineDiscount> Discounts, IReadOnlyList<CouponDiscount> Applied)
{
    public long DiscountOf(int lineIndex) => Discounts.Where(d => d.LineIndex == lineIndex).Sum(d => d.Amount);

    public long DiscountBy(string redemptionId) => Discounts.Where(d => d.RedemptionId == redemptionId).Sum(d => d.Amount);
}

/// <summary>
/// The discount engine: pure, no I/O. Applies coupons to the lines of one invoice per M2–M4, I3, R9, C7, C17.
/// </summary>
internal static class DiscountEngine
{
    public static DiscountOutcome Apply(IReadOnlyList<DraftLine> lines, IReadOnlyList<CouponDiscount> coupons, StackingPolicy policy, bool isTrial)
    {
        var remaining = new long[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            remaining[i] = Math.Max(lines[i].Amount, 0);
        }

        bool hasSetupFee = false;
        for (int i = 0; i < lines.Count; i++)
        {
            hasSetupFee |= lines[i].Type == LineType.SetupFee;
        }

        var discounts = new List<LineDiscount>(lines.Count * coupons.Count);
        var applied = new List<CouponDiscount>(coupons.Count);
        foreach (var coupon in Order(coupons, policy))
        {
            // R9: a trial invoice is discounted only by fixed coupons, and only when it carries a setup fee.
            if (isTrial && (coupon.IsPercent || !hasSetupFee))
            {
                continue;
            }

            applied.Add(coupon);
            if (coupon.IsPercent)
            {
                ApplyPercent(lines, remaining, coupon, policy, discounts);
            }
            else
            {
                ApplyFixed(lines, remaining, coupon, policy, discounts);
            }
        }

        return new DiscountOutcome(discounts, applied);
    }

    /// <summary>
    /// percent_first or fixed_first; within a type the oldest redemption first (C17). An insertion sort of a copy:
    /// an invoice has few coupons, and the engine allocates little.
    /// </summary>
    private static CouponDiscount[] Order(IReadOnlyList<CouponDiscount> coupons, StackingPolicy policy)
    {
        var ordered = new CouponDiscount[coupons.Count];
        for (int i = 0; i < ordered.Length; i++)
        {
            var coupon = coupons[i];
            int at = i;
            while (at > 0 && Precedes(coupon, ordered[at - 1], policy))
            {
                ordered[at] = ordered[at - 1];
                at--;
            }

            ordered[at] = coupon;
        }

        return ordered;
    }

    private static bool Precedes(CouponDiscount coupon, CouponDiscount other, StackingPolicy policy)
    {
        int rank = coupon.IsPercent == policy.FixedFirst ? 1 : 0;
        int otherRank = other.IsPercent == policy.FixedFirst ? 1 : 0;
        return rank != otherRank ? rank < otherRank
            : coupon.RedeemedAt != other.RedeemedAt ? coupon.RedeemedAt < other.RedeemedAt
            : coupon.Sequence < other.Sequence;
    }

    private static bool IsEligible(DraftLine line, CouponDiscount coupon, StackingPolicy policy) =>
        line.IsSubscriptionCharge
        || (line.Type == LineType.OneTime && coupon.AppliesToOneTimeCharges && policy.OneTimeChargesDiscountable);

    /// <summary>M2 + I3: the same percentage on every eligible line except setup fees, rounded once per line.</summary>
    private static void ApplyPercent(IReadOnlyList<DraftLine> lines, long[] remaining, CouponDiscount coupon, StackingPolicy policy, List<LineDiscount> discounts)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Type == LineType.SetupFee || remaining[i] == 0 || !IsEligible(line, coupon, policy))
            {
                continue;
            }

            long basis = policy.CompoundPercent ? remaining[i] : line.Amount;
            long amount = Math.Min(Rounding.DivideHalfAwayFromZero(checked(basis * coupon.Percent), 100), remaining[i]);
            Take(i, amount, coupon, remaining, discounts);
        }
    }

    /// <summary>
    /// M3 + I3: a fixed amount spread over eligible lines in order — subscription lines (setup fee first)
    /// before one-time charges — exactly, never more than a line has left (M4); what is left over is lost.
    /// </summary>
    private static void ApplyFixed(IReadOnlyList<DraftLine> lines, long[] remaining, CouponDiscount coupon, StackingPolicy policy, List<LineDiscount> discounts)
    {
        long left = coupon.FixedAmount;
        foreach (bool subscriptionLines in (ReadOnlySpan<bool>)[true, false])
        {
            for (int i = 0; i < lines.Count && left > 0; i++)
            {
                if (lines[i].IsSubscriptionCharge != subscriptionLines || remaining[i] == 0 || !IsEligible(lines[i], coupon, policy))
                {
                    continue;
                }

                long amount = Math.Min(left, remaining[i]);
                left -= amount;
                Take(i, amount, coupon, remaining, discounts);
            }
        }
    }

    private static void Take(int lineIndex, long amount, CouponDiscount coupon, long[] remaining, List<LineDiscount> discounts)
    {
        if (amount <= 0)
        {
            return;
        }

        remaining[lineIndex] -= amount;
        discounts.Add(new LineDiscount(lineIndex, coupon.RedemptionId, coupon.CouponCode, amount));
    }
}
