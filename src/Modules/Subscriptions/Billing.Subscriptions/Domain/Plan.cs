using Billing.SharedKernel;

namespace Billing.Subscriptions.Domain;

internal enum IntervalUnit
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>A length of time such as 1 month or 2 weeks (S1).</summary>
internal sealed record BillingInterval(int Length, IntervalUnit Unit)
{
    /// <summary>
    /// The start of period <paramref name="index"/> counted from <paramref name="anchor"/>. Always computed from
    /// the anchor, so month ends do not drift: Jan 31 → Feb 28 (29 in a leap year) → Mar 31. Within the accepted
    /// range of instants (<see cref="InstantRange"/>) every period is representable; beyond it the arithmetic
    /// saturates instead of throwing (issue 14 item 1).
    /// </summary>
    public DateTimeOffset PeriodStart(DateTimeOffset anchor, int index) => Unit switch
    {
        IntervalUnit.Day => InstantRange.AddDays(anchor, (long)Length * index),
        IntervalUnit.Week => InstantRange.AddDays(anchor, 7L * Length * index),
        IntervalUnit.Month => InstantRange.AddMonths(anchor, (long)Length * index),
        IntervalUnit.Year => InstantRange.AddMonths(anchor, 12L * Length * index),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}

/// <summary>A plan price in one currency, minor units.</summary>
internal sealed record PlanPrice(long UnitAmount, long SetupFee);

internal sealed record PlanAddOn(string Code, string Name, Dictionary<string, long> Prices);

/// <summary>A plan (offering) whose code is the SKU (S1).</summary>
internal sealed class Plan
{
    public string Code { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public int IntervalLength { get; init; }

    public IntervalUnit IntervalUnit { get; init; }

    public int? TrialLength { get; init; }

    public IntervalUnit? TrialUnit { get; init; }

    public Dictionary<string, PlanPrice> Prices { get; init; } = [];

    public List<PlanAddOn> AddOns { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public BillingInterval Interval => new(IntervalLength, IntervalUnit);

    public BillingInterval? Trial => TrialLength is { } length && TrialUnit is { } unit ? new BillingInterval(length, unit) : null;
}
