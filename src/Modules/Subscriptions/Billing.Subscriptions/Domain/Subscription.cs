namespace Billing.Subscriptions.Domain;

internal enum SubscriptionState
{
    InTrial,
    Active,
    Canceled,
    Expired,
}

internal sealed record SubscriptionAddOn(string Code, int Quantity);

/// <summary>A subscription of an account to a plan in one currency (S3).</summary>
internal sealed class Subscription
{
    public string Id { get; set; } = string.Empty;

    public string AccountCode { get; set; } = string.Empty;

    public string PlanCode { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public int Quantity { get; set; } = 1;

    public List<SubscriptionAddOn> AddOns { get; set; } = [];

    public SubscriptionState State { get; set; }

    /// <summary>Start of the first paid period; every later period is computed from it (no drift).</summary>
    public DateTimeOffset PeriodAnchor { get; set; }

    /// <summary>Index of the current paid period from the anchor (−1 while in trial).</summary>
    public int PeriodIndex { get; set; }

    public int IntervalLength { get; set; }

    public IntervalUnit IntervalUnit { get; set; }

    public DateTimeOffset CurrentPeriodStart { get; set; }

    public DateTimeOffset CurrentPeriodEnd { get; set; }

    /// <summary>List price of one period: plan fee × quantity + add-ons, minor units.</summary>
    public long OriginalPrice { get; set; }

    /// <summary>What a period is charged after coupons, minor units.</summary>
    public long PurchasePrice { get; set; }

    /// <summary>
    /// S8: what the customer actually paid (after coupons, minor units) for the rest of the current period — the
    /// period's invoice, or the charge of the latest change now — and how many days that payment covers.
    /// </summary>
    public long PaidForRest { get; set; }

    /// <summary>S8: the days <see cref="PaidForRest"/> covers, up to the current period's end.</summary>
    public int PaidDays { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the trial ends (the first paid period starts), if the subscription started with one.</summary>
    public DateTimeOffset? TrialEndsAt { get; set; }

    public DateTimeOffset? CanceledAt { get; set; }

    /// <summary>When the subscription ended (S9), or ends if canceled at period end.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Why the subscription expired, when it was not its own end: <see cref="NonpaymentReason"/> (P4).</summary>
    public string? ExpireReason { get; set; }

    public const string NonpaymentReason = "nonpayment";

    /// <summary>S8: a plan to switch to at the next renewal.</summary>
    public string? PendingPlanCode { get; set; }

    public int? PendingQuantity { get; set; }

    /// <summary>S4: the partner's price of a period, minor units; null without a price override.</summary>
    public long? PriceOverride { get; set; }

    public string? PaymentType { get; set; }

    public string? ChargedBy { get; set; }

    public string? DiscountCodeName { get; set; }

    /// <summary>S4: the partner's own coupon code, recorded as given; not a Billing coupon.</summary>
    public string? ExternalCouponCode { get; set; }

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
            subscription.State = SubscriptionState.InTrial;
            subscription.CurrentPeriodStart = now;
            subscription.CurrentPeriodEnd = end;
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
        CanceledAt = at;
        PendingPlanCode = null;
        PendingQuantity = null;
        if (now)
        {
            Expire(at);
        }
        else
        {
            State = SubscriptionState.Canceled;
            ExpiresAt = CurrentPeriodEnd;
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

        State = PeriodIndex < 0 && TrialEndsAt > at ? SubscriptionState.InTrial : SubscriptionState.Active;
        CanceledAt = null;
        ExpiresAt = null;
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
        ExpireReason = NonpaymentReason;
        return true;
    }

    public void Expire(DateTimeOffset at)
    {
        State = SubscriptionState.Expired;
        ExpiresAt = at;
    }

    /// <summary>S8: a change at renewal waits here until the next period starts.</summary>
    public void ScheduleChange(string planCode, int quantity)
    {
        PendingPlanCode = planCode;
        PendingQuantity = quantity;
    }

    /// <summary>S8: the scheduled change becomes the subscription's terms (called when a new period starts).</summary>
    public bool ApplyPendingChange()
    {
        if (PendingPlanCode is null)
        {
            return false;
        }

        PlanCode = PendingPlanCode;
        Quantity = PendingQuantity ?? Quantity;
        PendingPlanCode = null;
        PendingQuantity = null;
        return true;
    }

    /// <summary>S8: <paramref name="amount"/> was paid, after coupons, for the <paramref name="days"/> left of the current period.</summary>
    public void Paid(long amount, int days)
    {
        PaidForRest = amount;
        PaidDays = days;
    }

    /// <summary>
    /// S8: the credit for the unused time at <paramref name="at"/>: the share of what was paid for the rest of the
    /// period, never of a list price, so however many changes a period sees, credits never exceed what was paid.
    /// </summary>
    public long UnusedCredit(DateTimeOffset at) => Proration.Share(PaidForRest, Proration.DaysLeft(at, CurrentPeriodEnd), PaidDays);

    /// <summary>S6: moves to the next paid period (the first one after a trial).</summary>
    public void AdvancePeriod()
    {
        PeriodIndex++;
        State = SubscriptionState.Active;
        CurrentPeriodStart = Interval.PeriodStart(PeriodAnchor, PeriodIndex);
        CurrentPeriodEnd = Interval.PeriodStart(PeriodAnchor, PeriodIndex + 1);
    }
}
