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

    private string name = string.Empty;
    private Dictionary<string, PlanPrice> prices = [];
    private List<PlanAddOn> addOns = [];

    public string Name { get => name; init => name = value; }

    public int IntervalLength { get; init; }

    public IntervalUnit IntervalUnit { get; init; }

    public int? TrialLength { get; init; }

    public IntervalUnit? TrialUnit { get; init; }

    public Dictionary<string, PlanPrice> Prices { get => prices; init => prices = value; }

    public List<PlanAddOn> AddOns { get => addOns; init => addOns = value; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Issue 16: when the plan was archived (no new subscriptions from then on); null while it is active.</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    public BillingInterval Interval => new(IntervalLength, IntervalUnit);

    public BillingInterval? Trial => TrialLength is { } length && TrialUnit is { } unit ? new BillingInterval(length, unit) : null;

    /// <summary>
    /// Issue 16: an archived plan takes no new subscriber — neither a signup (HTTP, checkout, Recurly) nor a
    /// subscription moving to it; its existing subscriptions keep renewing.
    /// </summary>
    public Error? RefusalForNewSubscriber() => IsArchived
        ? SubscriptionErrors.PlanArchived(Code)
        : null;

    /// <summary>Issue 16, S1/S3: why a new subscriber may not take the plan in <paramref name="currency"/> with these add-ons, or null.</summary>
    public Error? RefusalToSubscribe(string currency, IEnumerable<string> addOnCodes) =>
        RefusalForNewSubscriber() ?? RefusalToSell(currency, addOnCodes);

    /// <summary>
    /// S1/S3: the plan, and each of the add-ons named, must have a price in <paramref name="currency"/>; an add-on the plan
    /// does not define is refused too. Answers the first refusal, or null.
    /// </summary>
    public Error? RefusalToSell(string currency, IEnumerable<string> addOnCodes)
    {
        if (!Prices.ContainsKey(currency))
        {
            return SubscriptionErrors.PlanCurrencyNotSupported(Code, currency);
        }

        foreach (string addOnCode in addOnCodes)
        {
            if (AddOns.FirstOrDefault(a => a.Code == addOnCode) is not { } definition)
            {
                return SubscriptionErrors.AddOnNotFound(Code, addOnCode);
            }

            if (!definition.Prices.ContainsKey(currency))
            {
                return SubscriptionErrors.AddOnCurrencyNotSupported(addOnCode, currency);
            }
        }

        return null;
    }

    /// <summary>
    /// Issue 16: a new name, prices per currency (a currency not given keeps its price) and add-ons appended. The plan's
    /// price is read when a subscription starts and when each renewal is invoiced, so a new price applies to new
    /// subscriptions and to renewals from the next period; an issued invoice (the current period's) never changes.
    /// An add-on code the plan already has is refused and nothing changes.
    /// </summary>
    public Error? Revise(string? name, IReadOnlyDictionary<string, PlanPrice> prices, IReadOnlyList<PlanAddOn> addOns)
    {
        if (addOns.FirstOrDefault(a => AddOns.Exists(existing => existing.Code == a.Code)) is { } taken)
        {
            return SubscriptionErrors.AddOnCodeTaken(Code, taken.Code);
        }

        this.name = name ?? this.name;
        var revised = new Dictionary<string, PlanPrice>(Prices);
        foreach (var (currency, price) in prices)
        {
            revised[currency] = price;
        }

        this.prices = revised;
        this.addOns = [.. this.addOns, .. addOns];
        return null;
    }

    /// <summary>Issue 16: archives the plan now (see <see cref="RefusalForNewSubscriber"/>); archiving twice is a conflict.</summary>
    public Error? Archive(DateTimeOffset now)
    {
        if (IsArchived)
        {
            return SubscriptionErrors.PlanAlreadyArchived(Code);
        }

        ArchivedAt = now;
        return null;
    }
}
