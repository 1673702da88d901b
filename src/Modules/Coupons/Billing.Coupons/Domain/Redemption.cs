using System.Linq.Expressions;
using Billing.Coupons.Contracts;
using Billing.SharedKernel;

namespace Billing.Coupons.Domain;

/// <summary>A coupon applied to an account or a subscription (R3).</summary>
internal sealed class Redemption
{
    private RedemptionState state;
    private long discountedMinor;
    private InactiveReason? inactiveReason;
    private string? cid;
    private int periodsDiscounted;
    private DateTimeOffset? endedAt;

    public string Id { get; init; } = string.Empty;

    public string CouponId { get; init; } = string.Empty;

    public string Code { get; init; } = string.Empty;

    public string AccountCode { get; init; } = string.Empty;

    public string? SubscriptionId { get; init; }

    public RedemptionResource Level { get; init; }

    public string Currency { get; init; } = string.Empty;

    public RedemptionState State { get => state; init => state = value; }

    public InactiveReason? InactiveReason { get => inactiveReason; init => inactiveReason = value; }

    public string? Cid { get => cid; init => cid = value; }

    /// <summary>Billing periods this redemption took money off (R5): a zero discount is not a period discounted (issue 14 item 6).</summary>
    public int PeriodsDiscounted { get => periodsDiscounted; init => periodsDiscounted = value; }

    /// <summary>
    /// Per subscription, the start of the last billing period counted in <see cref="PeriodsDiscounted"/>, so that a
    /// period discounted by its invoice and again by a change within it counts once.
    /// </summary>
    public Dictionary<string, DateTimeOffset> CountedPeriods { get; init; } = [];

    /// <summary>Total discounted so far, minor units of <see cref="Currency"/> (R3).</summary>
    public long DiscountedMinor { get => discountedMinor; init => discountedMinor = value; }

    /// <summary>When a temporal duration ends (R5); null for other durations.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The redemption's place in the order of all redemptions, taken from a counter in its transaction: it orders
    /// redemptions made at the same instant (C17: the oldest first), e.g. a signup's codes in the order given.
    /// </summary>
    public long Sequence { get; init; }

    public DateTimeOffset? EndedAt { get => endedAt; init => endedAt = value; }

    /// <summary>
    /// Whether this is the one active redemption its coupon allows the account: true when the coupon had no
    /// <c>max_redemptions_per_account</c> at redemption (issue 25 item 2). A partial unique index on (coupon, account)
    /// over active redemptions that carry it lets the database refuse a second one, under any concurrency.
    /// </summary>
    public bool OnePerAccount { get; init; }

    /// <summary>
    /// Issue 25 item 2, C6: whether any active redemption can keep <paramref name="coupon"/> from being redeemed again —
    /// only when it is redeemed once per account; <see cref="Blocking"/> matches nothing otherwise, so its look-up can
    /// be skipped.
    /// </summary>
    public static bool CanBeBlocked(Coupon coupon) => coupon.IsOncePerAccount;

    /// <summary>
    /// Issue 25 item 2, C6, C17: the active redemptions that keep <paramref name="coupon"/> from being redeemed on
    /// <paramref name="accountCode"/> again — its own, when it is redeemed once per account
    /// (<see cref="Coupon.IsOncePerAccount"/>), unless the new redemption replaces it: with one coupon per account
    /// (<paramref name="multipleCouponsPerAccount"/> off), a redemption replaces the active one of its level on its
    /// subscription (<paramref name="subscriptionId"/>: null for an account-level one, and for a subscription still to
    /// be created, which has none). The one condition of the refusal, for its check before a purchase charges anything
    /// (the preview, I7) and for the redemption's write.
    /// </summary>
    public static Expression<Func<Redemption, bool>> Blocking(Coupon coupon, string accountCode, string? subscriptionId, bool multipleCouponsPerAccount)
    {
        bool oncePerAccount = CanBeBlocked(coupon);
        string couponId = coupon.Id;
        var level = coupon.RedemptionResource;
        return r => oncePerAccount
            && r.CouponId == couponId
            && r.AccountCode == accountCode
            && r.State == RedemptionState.Active
            && (multipleCouponsPerAccount || r.Level != level || r.SubscriptionId != subscriptionId);
    }

    /// <summary>
    /// R1: a redemption in <paramref name="currency"/> discounts only invoices in that currency, so on an account whose
    /// subscriptions bill in others (<paramref name="billedCurrencies"/>) it would be accepted and then do nothing. An
    /// account billed in nothing yet may redeem in any currency: its first subscription chooses one.
    /// </summary>
    public static bool WouldDiscountNothing(string currency, IReadOnlyCollection<string> billedCurrencies) =>
        billedCurrencies.Count > 0 && !billedCurrencies.Contains(currency, StringComparer.Ordinal);

    /// <summary>R1 for an account-level redemption: <see cref="WouldDiscountNothing"/> on the account's currencies, with why.</summary>
    public static Error? CurrencyRefusal(string currency, string accountCode, IReadOnlyCollection<string> billedCurrencies) =>
        WouldDiscountNothing(currency, billedCurrencies)
            ? CouponErrors.CurrencyNotBilled(currency, $"the subscriptions of account '{accountCode}' bill in {string.Join(", ", billedCurrencies)}")
            : null;

    /// <summary>
    /// R3 + R5: adds what an issued invoice took off to the total and, when it took money off in a billing period
    /// (<paramref name="period"/>: the subscription and the start of the period the invoice bills) not counted yet,
    /// counts and consumes that period — a 0.00 discount consumes nothing (issue 14 item 6). A billing_periods
    /// redemption whose periods are used up ends, and a single_use one after the first invoice it took money off.
    /// </summary>
    public void RecordInvoiceDiscount(Coupon coupon, long amountMinor, (string SubscriptionId, DateTimeOffset Start)? period, DateTimeOffset now)
    {
        discountedMinor += amountMinor;
        if (amountMinor > 0 && period is { } billed
            && !(CountedPeriods.TryGetValue(billed.SubscriptionId, out var counted) && counted == billed.Start))
        {
            periodsDiscounted++;
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
        state = RedemptionState.Inactive;
        inactiveReason = reason;
        endedAt = now;
    }

    /// <summary>T6: the cid of the couponredeem conversion this redemption opened.</summary>
    public void RecordConversion(string conversionCid) => cid = conversionCid;
}
