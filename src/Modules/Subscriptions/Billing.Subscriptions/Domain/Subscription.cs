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

    public DateTimeOffset CreatedAt { get; set; }

    public BillingInterval Interval => new(IntervalLength, IntervalUnit);

    public bool IsRenewable => State is SubscriptionState.Active or SubscriptionState.InTrial;

    /// <summary>S6: moves to the next paid period (the first one after a trial).</summary>
    public void AdvancePeriod()
    {
        PeriodIndex++;
        State = SubscriptionState.Active;
        CurrentPeriodStart = Interval.PeriodStart(PeriodAnchor, PeriodIndex);
        CurrentPeriodEnd = Interval.PeriodStart(PeriodAnchor, PeriodIndex + 1);
    }
}
