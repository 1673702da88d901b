namespace Billing.Coupons.Domain;

/// <summary>A coupon applied to an account or a subscription (R3).</summary>
internal sealed class Redemption
{
    public string Id { get; set; } = string.Empty;

    public string CouponId { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public string AccountCode { get; set; } = string.Empty;

    public string? SubscriptionId { get; set; }

    public RedemptionResource Level { get; set; }

    public string Currency { get; set; } = string.Empty;

    public RedemptionState State { get; set; }

    public InactiveReason? InactiveReason { get; set; }

    public string? Cid { get; set; }

    /// <summary>Billing periods this redemption took money off (R5): a zero discount is not a period discounted (issue 14 item 6).</summary>
    public int PeriodsDiscounted { get; set; }

    /// <summary>
    /// Per subscription, the start of the last billing period counted in <see cref="PeriodsDiscounted"/>, so that a
    /// period discounted by its invoice and again by a change within it counts once.
    /// </summary>
    public Dictionary<string, DateTimeOffset> CountedPeriods { get; set; } = [];

    /// <summary>Total discounted so far, minor units of <see cref="Currency"/> (R3).</summary>
    public long DiscountedMinor { get; set; }

    /// <summary>When a temporal duration ends (R5); null for other durations.</summary>
    public DateTimeOffset? EndsAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The redemption's place in the order of all redemptions, taken from a counter in its transaction: it orders
    /// redemptions made at the same instant (C17: the oldest first), e.g. a signup's codes in the order given.
    /// </summary>
    public long Sequence { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>
    /// Whether this is the one active redemption its coupon allows the account: true when the coupon had no
    /// <c>max_redemptions_per_account</c> at redemption (issue 25 item 2). A partial unique index on (coupon, account)
    /// over active redemptions that carry it lets the database refuse a second one, under any concurrency.
    /// </summary>
    public bool OnePerAccount { get; set; }

    /// <summary>
    /// R3 + R5: adds what an issued invoice took off to the total and, when it took money off in a billing period
    /// (<paramref name="period"/>: the subscription and the start of the period the invoice bills) not counted yet,
    /// counts and consumes that period — a 0.00 discount consumes nothing (issue 14 item 6). A billing_periods
    /// redemption whose periods are used up ends, and a single_use one after the first invoice it took money off.
    /// </summary>
    public void RecordInvoiceDiscount(Coupon coupon, long amountMinor, (string SubscriptionId, DateTimeOffset Start)? period, DateTimeOffset now)
    {
        DiscountedMinor += amountMinor;
        if (amountMinor > 0 && period is { } billed
            && !(CountedPeriods.TryGetValue(billed.SubscriptionId, out var counted) && counted == billed.Start))
        {
            PeriodsDiscounted++;
            CountedPeriods[billed.SubscriptionId] = billed.Start;
        }

        bool used = coupon.DurationType == DurationType.SingleUse && amountMinor > 0;
        if (used || (coupon.PeriodLimit is { } limit && PeriodsDiscounted >= limit))
        {
            Deactivate(Domain.InactiveReason.DurationEnded, now);
        }
    }

    public void Deactivate(InactiveReason reason, DateTimeOffset now)
    {
        State = RedemptionState.Inactive;
        InactiveReason = reason;
        EndedAt = now;
    }
}
