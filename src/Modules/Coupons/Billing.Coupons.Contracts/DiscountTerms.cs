namespace Billing.Coupons.Contracts;

// The closed sets a coupon's discount terms take, as Coupons hands them to Invoicing (C4, C6, C17) and as the host builds
// and reads a DurationSpec (C5); on the wire and in the database by their snake_case names (Wire<TEnum>: percent,
// free_trial, fixed_first, billing_periods).

/// <summary>C4: what a coupon takes off.</summary>
public enum DiscountType
{
    Percent,
    Fixed,
    FreeTrial,
}

/// <summary>C5: how long a redemption keeps discounting.</summary>
public enum DurationType
{
    Forever,

    /// <summary>The first invoice that takes money off, then the redemption ends.</summary>
    SingleUse,

    /// <summary>For an amount of <see cref="TimeUnit"/>s from the redemption.</summary>
    Temporal,

    /// <summary>For a number of billing periods discounted.</summary>
    BillingPeriods,
}

/// <summary>The unit of a C5 temporal duration and of a C4 free trial's length.</summary>
public enum TimeUnit
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>C6: what a redemption is attached to — its level: the account (every invoice of it) or one subscription.</summary>
public enum RedemptionResource
{
    Account,
    Subscription,
}

/// <summary>C17: which kind of discount applies first when coupons stack.</summary>
public enum StackingOrder
{
    PercentFirst,
    FixedFirst,
}

/// <summary>C17: whether stacked percentages each take off the full amount or compound on what is left.</summary>
public enum PercentMode
{
    Full,
    Compound,
}
