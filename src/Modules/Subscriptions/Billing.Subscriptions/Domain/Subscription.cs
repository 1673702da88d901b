using System.Linq.Expressions;
using Billing.SharedKernel;

namespace Billing.Subscriptions.Domain;

internal enum SubscriptionState
{
    InTrial,
    Active,
    Canceled,
    Expired,
}

internal sealed record SubscriptionAddOn(string Code, int Quantity);

/// <summary>S4: a partner's price of a period (minor units) and what the partner records with it.</summary>
internal sealed record PartnerTerms(long Price, string? PaymentType, string? ChargedBy, string? DiscountCodeName, string? CouponCode);

/// <summary>
/// S8 + R7: what a change now bills for the rest of the current period: a credit for the unused time of what was
/// paid and a charge for the remaining time of the new terms, both prorated by days.
/// </summary>
internal sealed record ProratedChange(long Credit, long Charge, int DaysLeft, int DaysInPeriod);

/// <summary>A subscription of an account to a plan in one currency (S3).</summary>
internal sealed class Subscription
{
    private SubscriptionState state;
    private DateTimeOffset currentPeriodStart;
    private DateTimeOffset currentPeriodEnd;
    private DateTimeOffset? canceledAt;
    private string? pendingPlanCode;
    private int? pendingQuantity;
    private DateTimeOffset? expiresAt;
    private string? expireReason;
    private string planCode = string.Empty;
    private int quantity = 1;
    private long paidForRest;
    private int paidDays;
    private int periodIndex;
    private long purchasePrice;
    private long originalPrice;
    private long? priceOverride;
    private string? paymentType;
    private string? chargedBy;
    private string? discountCodeName;
    private string? externalCouponCode;

    public string Id { get; init; } = string.Empty;

    public string AccountCode { get; init; } = string.Empty;

    public string PlanCode { get => planCode; init => planCode = value; }

    public string Currency { get; init; } = string.Empty;

    public int Quantity { get => quantity; init => quantity = value; }

    public List<SubscriptionAddOn> AddOns { get; init; } = [];

    public SubscriptionState State { get => state; init => state = value; }

    /// <summary>Start of the first paid period; every later period is computed from it (no drift).</summary>
    public DateTimeOffset PeriodAnchor { get; init; }

    /// <summary>Index of the current paid period from the anchor (−1 while in trial).</summary>
    public int PeriodIndex { get => periodIndex; init => periodIndex = value; }

    public int IntervalLength { get; init; }

    public IntervalUnit IntervalUnit { get; init; }

    public DateTimeOffset CurrentPeriodStart { get => currentPeriodStart; init => currentPeriodStart = value; }

    public DateTimeOffset CurrentPeriodEnd { get => currentPeriodEnd; init => currentPeriodEnd = value; }

    /// <summary>List price of one period: plan fee × quantity + add-ons, minor units.</summary>
    public long OriginalPrice { get => originalPrice; init => originalPrice = value; }

    /// <summary>What a period is charged after coupons, minor units.</summary>
    public long PurchasePrice { get => purchasePrice; init => purchasePrice = value; }

    /// <summary>
    /// S8: what the customer actually paid (after coupons, minor units) for the rest of the current period — the
    /// period's invoice, or the charge of the latest change now — and how many days that payment covers.
    /// </summary>
    public long PaidForRest { get => paidForRest; init => paidForRest = value; }

    /// <summary>S8: the days <see cref="PaidForRest"/> covers, up to the current period's end.</summary>
    public int PaidDays { get => paidDays; init => paidDays = value; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the trial ends (the first paid period starts), if the subscription started with one.</summary>
    public DateTimeOffset? TrialEndsAt { get; init; }

    public DateTimeOffset? CanceledAt { get => canceledAt; init => canceledAt = value; }

    /// <summary>When the subscription ended (S9), or ends if canceled at period end.</summary>
    public DateTimeOffset? ExpiresAt { get => expiresAt; init => expiresAt = value; }

    /// <summary>Why the subscription expired, when it was not its own end: <see cref="NonpaymentReason"/> (P4).</summary>
    public string? ExpireReason { get => expireReason; init => expireReason = value; }

    public const string NonpaymentReason = "nonpayment";

    /// <summary>S8: a plan to switch to at the next renewal.</summary>
    public string? PendingPlanCode { get => pendingPlanCode; init => pendingPlanCode = value; }

    public int? PendingQuantity { get => pendingQuantity; init => pendingQuantity = value; }

    /// <summary>S4: the partner's price of a period, minor units; null without a price override.</summary>
    public long? PriceOverride { get => priceOverride; init => priceOverride = value; }

    public string? PaymentType { get => paymentType; init => paymentType = value; }

    /// <summary>S4: the one payment type of a partner price: the partner charges the customer.</summary>
    public const string ExternalPayment = "external";

    /// <summary>
    /// S4, P2: the subscriptions whose invoices Billing never charges — a partner price paid externally; the merchant
    /// records their payments.
    /// </summary>
    public static Expression<Func<Subscription, bool>> PaidExternally { get; } =
        s => s.PriceOverride != null && s.PaymentType == ExternalPayment;

    public string? ChargedBy { get => chargedBy; init => chargedBy = value; }

    public string? DiscountCodeName { get => discountCodeName; init => discountCodeName = value; }

    /// <summary>S4: the partner's own coupon code, recorded as given; not a Billing coupon.</summary>
    public string? ExternalCouponCode { get => externalCouponCode; init => externalCouponCode = value; }

    public BillingInterval Interval => new(IntervalLength, IntervalUnit);

    /// <summary>
    /// S3 + R9: a new subscription at <paramref name="now"/> — in trial until <paramref name="trial"/> ends (the first
    /// paid period then starts), or in its first period; periods are anchored on that start.
    /// </summary>
    public static Subscription Start(string id, string accountCode, Plan plan, string currency, int quantity, IEnumerable<SubscriptionAddOn> addOns, BillingInterval? trial, DateTimeOffset now)
    {
        var trialEnd = trial?.PeriodStart(now, 1);
        var subscription = new Subscription
        {
            Id = id,
            AccountCode = accountCode,
            PlanCode = plan.Code,
            Currency = currency,
            Quantity = quantity,
            AddOns = addOns.ToList(),
            IntervalLength = plan.IntervalLength,
            IntervalUnit = plan.IntervalUnit,
            PeriodAnchor = trialEnd ?? now,
            PeriodIndex = -1,
            TrialEndsAt = trialEnd,
            CreatedAt = now,
        };
        if (trialEnd is { } end)
        {
            subscription.state = SubscriptionState.InTrial;
            subscription.currentPeriodStart = now;
            subscription.currentPeriodEnd = end;
        }
        else
        {
            subscription.AdvancePeriod();
        }

        return subscription;
    }

    public bool IsLive => State is SubscriptionState.Active or SubscriptionState.InTrial;

    /// <summary>S9: at period end the subscription stays usable until then; now it ends at once.</summary>
    public void Cancel(bool now, DateTimeOffset at)
    {
        canceledAt = at;
        pendingPlanCode = null;
        pendingQuantity = null;
        if (now)
        {
            Expire(at);
        }
        else
        {
            state = SubscriptionState.Canceled;
            expiresAt = CurrentPeriodEnd;
        }
    }

    /// <summary>
    /// S9: a cancellation at period end is undone while its period still runs: the subscription is live again (in
    /// trial when its trial has not ended) and renews at the period's end. False when it is not canceled or its period is over.
    /// </summary>
    public bool Reactivate(DateTimeOffset at)
    {
        if (State != SubscriptionState.Canceled || CurrentPeriodEnd <= at)
        {
            return false;
        }

        state = PeriodIndex < 0 && TrialEndsAt > at ? SubscriptionState.InTrial : SubscriptionState.Active;
        canceledAt = null;
        expiresAt = null;
        return true;
    }

    /// <summary>P4: dunning failed on one of its invoices: a live subscription ends at once.</summary>
    public bool ExpireForNonpayment(DateTimeOffset at)
    {
        if (!IsLive && State != SubscriptionState.Canceled)
        {
            return false;
        }

        Expire(at);
        expireReason = NonpaymentReason;
        return true;
    }

    public void Expire(DateTimeOffset at)
    {
        state = SubscriptionState.Expired;
        expiresAt = at;
    }

    /// <summary>
    /// S4: a partner's subscription is charged the partner's price, so its plan and quantity are the partner's to
    /// manage: a change that names either is refused (a coupon code alone may still be redeemed on it).
    /// </summary>
    public Error? RefusalToChangeTerms(string? newPlanCode, int? newQuantity) =>
        PriceOverride is not null && (newPlanCode is not null || newQuantity is not null)
            ? SubscriptionErrors.PriceOverrideSubscription(Id)
            : null;

    /// <summary>
    /// S8: a subscription moves only to a plan that takes new subscribers (issue 16, unless it is its own plan) and
    /// bills on the subscription's interval, so that the periods line up.
    /// </summary>
    public Error? RefusalToMoveTo(Plan plan)
    {
        if (plan.Code != PlanCode && plan.RefusalForNewSubscriber() is { } archived)
        {
            return archived;
        }

        return plan.Interval != Interval
            ? SubscriptionErrors.IntervalMismatch(plan.Code, plan.IntervalLength, Wire<IntervalUnit>.Name(plan.IntervalUnit))
            : null;
    }

    /// <summary>S8: a change at renewal waits here until the next period starts.</summary>
    public void ScheduleChange(string planCode, int quantity)
    {
        pendingPlanCode = planCode;
        pendingQuantity = quantity;
    }

    /// <summary>S8: the scheduled change becomes the subscription's terms (called when a new period starts).</summary>
    public bool ApplyPendingChange()
    {
        if (PendingPlanCode is null)
        {
            return false;
        }

        planCode = PendingPlanCode;
        quantity = PendingQuantity ?? Quantity;
        pendingPlanCode = null;
        pendingQuantity = null;
        return true;
    }

    /// <summary>S4: a partner's subscription is charged the partner's price; its plan and quantity are the partner's to manage.</summary>
    public void ChargePartnerPrice(PartnerTerms partner)
    {
        priceOverride = partner.Price;
        paymentType = partner.PaymentType;
        chargedBy = partner.ChargedBy;
        discountCodeName = partner.DiscountCodeName;
        externalCouponCode = partner.CouponCode;
    }

    /// <summary>S3: original_price is the list price of one period of the current terms of <paramref name="plan"/>.</summary>
    public void PriceAt(Plan plan) => originalPrice = PeriodCharges.ListPriceOfPeriod(plan, this);

    /// <summary>S3: purchase_price is what the next period costs after the coupons that apply to it.</summary>
    public void PricedAfterCoupons(long price) => purchasePrice = price;

    /// <summary>
    /// S3 + S8: the period's invoice charged <paramref name="price"/> after coupons: that is the purchase price and
    /// what the customer paid for the whole period, the basis of a later change's credit.
    /// </summary>
    public void Invoiced(long price)
    {
        purchasePrice = price;
        Paid(price, Proration.DaysIn(CurrentPeriodStart, CurrentPeriodEnd));
    }

    /// <summary>
    /// S8 + R7: the new terms apply at once (a change scheduled for renewal is dropped) and what the rest of the current
    /// period costs is prorated: see <see cref="ProratedChange"/>. R9: in a trial nothing was charged, so nothing is
    /// credited or charged until it ends (null).
    /// </summary>
    public ProratedChange? ChangeNow(Plan plan, int newQuantity, DateTimeOffset now)
    {
        long credit = UnusedCredit(now);
        planCode = plan.Code;
        quantity = newQuantity;
        pendingPlanCode = null;
        pendingQuantity = null;
        PriceAt(plan);
        if (State == SubscriptionState.InTrial)
        {
            return null;
        }

        int daysInPeriod = Proration.DaysIn(CurrentPeriodStart, CurrentPeriodEnd);
        int daysLeft = Proration.DaysLeft(now, CurrentPeriodEnd);
        return new ProratedChange(credit, Proration.Share(OriginalPrice, daysLeft, daysInPeriod), daysLeft, daysInPeriod);
    }

    /// <summary>S8: <paramref name="amount"/> was paid, after coupons, for the <paramref name="days"/> left of the current period.</summary>
    public void Paid(long amount, int days)
    {
        paidForRest = amount;
        paidDays = days;
    }

    /// <summary>
    /// S8: the credit for the unused time at <paramref name="at"/>: the share of what was paid for the rest of the
    /// period, never of a list price, so however many changes a period sees, credits never exceed what was paid.
    /// </summary>
    public long UnusedCredit(DateTimeOffset at) => Proration.Share(PaidForRest, Proration.DaysLeft(at, CurrentPeriodEnd), PaidDays);

    /// <summary>S6: moves to the next paid period (the first one after a trial).</summary>
    public void AdvancePeriod()
    {
        periodIndex++;
        state = SubscriptionState.Active;
        currentPeriodStart = Interval.PeriodStart(PeriodAnchor, PeriodIndex);
        currentPeriodEnd = Interval.PeriodStart(PeriodAnchor, PeriodIndex + 1);
    }
}
