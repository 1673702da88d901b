using Billing.SharedKernel;

namespace Billing.Coupons.Contracts;

/// <summary>An amount in major units for one currency, as the API carries it: <c>{"currency": "USD", "amount": 10.5}</c>.</summary>
public sealed record CurrencyAmount(string Currency, decimal Amount);

/// <summary>C4: what the coupon takes off.</summary>
public sealed record DiscountSpec(string Type, int? Percent, IReadOnlyList<CurrencyAmount>? Amounts, TrialSpec? Trial);

/// <summary>C4 free_trial length.</summary>
public sealed record TrialSpec(string Unit, int Length);

/// <summary>
/// C5: how long a redemption keeps discounting, as the API carries it: <paramref name="Type"/> the wire name of a
/// <see cref="DurationType"/>, with <paramref name="Amount"/> and <paramref name="Unit"/> (a <see cref="TimeUnit"/>'s)
/// for <c>temporal</c> and <paramref name="Periods"/> for <c>billing_periods</c>. The names stay strings because this
/// record is the JSON body: a name outside the set is refused by the validator (400 <c>validation_failed</c> naming
/// <c>duration.type</c>), not by JSON binding; code that knows the duration builds it with the factories
/// (<see cref="Forever"/>, <see cref="Temporal"/>…) and reads it with <see cref="Is"/>.
/// </summary>
public sealed record DurationSpec(string Type, int? Amount = null, string? Unit = null, int? Periods = null)
{
    public static DurationSpec Forever { get; } = new(Wire<DurationType>.Name(DurationType.Forever));

    public static DurationSpec SingleUse { get; } = new(Wire<DurationType>.Name(DurationType.SingleUse));

    public static DurationSpec Temporal(int amount, TimeUnit unit) =>
        new(Wire<DurationType>.Name(DurationType.Temporal), Amount: amount, Unit: Wire<TimeUnit>.Name(unit));

    public static DurationSpec BillingPeriods(int? periods) => new(Wire<DurationType>.Name(DurationType.BillingPeriods), Periods: periods);

    /// <summary>Whether <see cref="Type"/> names <paramref name="type"/> (a method, not a property: it is not part of the JSON).</summary>
    public bool Is(DurationType type) => Type == Wire<DurationType>.Name(type);
}

/// <summary>C7: which plans and charges the coupon discounts.</summary>
public sealed record AppliesToSpec(bool AllPlans, IReadOnlyList<string>? PlanCodes, bool NonPlanCharges);

/// <summary>Creates a coupon campaign (C1–C10, C16).</summary>
public sealed record CreateCoupon(
    string Code,
    string? Id,
    string Name,
    DiscountSpec Discount,
    DurationSpec? Duration,
    int? MaxRedemptions,
    int? MaxRedemptionsPerAccount,
    string? RedeemBy,
    AppliesToSpec? AppliesTo,
    string? RedemptionResource,
    string? CouponType,
    string? UniqueCodeTemplate,
    string? HostedPageDescription,
    string? InvoiceDescription,
    IReadOnlyDictionary<string, string>? Metadata) : ICommand<CouponDto>;

public sealed record GetCoupon(string Id) : IQuery<CouponDto>;

/// <summary>
/// A coupon read by a code (issue 16), ignoring case: the coupon whose own code it is (the redeemable one first, then
/// the newest, C15), else the bulk coupon one of whose unique codes it is, whatever that code's state.
/// </summary>
public sealed record GetCouponByCode(string Code) : IQuery<CouponDto>;

/// <summary>
/// The list of coupons (issue 16; the API's and the dashboard's, D1), one page at a time in creation order, narrowed
/// in the database by <paramref name="State"/> (<c>redeemable</c> or <c>expired</c>), <paramref name="Q"/> (a part of
/// the code or the name, ignoring case) and <paramref name="DiscountType"/> (<c>percent</c>, <c>fixed</c> or
/// <c>free_trial</c>), and the page's window. <paramref name="Codes"/> (at most 200; Recurly's <c>code-x</c> entries of
/// <c>ids</c>) selects coupons as the page's keys (ids) do, the two together: a code, ignoring case, names the coupon
/// whose own code it is, the redeemable one first, then the newest (as <see cref="GetCouponByCode"/> picks it).
/// </summary>
public sealed record PageCoupons(PageRequest Page, string? State = null, string? Q = null, string? DiscountType = null, IReadOnlyList<string>? Codes = null) : IQuery<Page<CouponDto>>;

/// <summary>R1: redeems a coupon code for an account (and a subscription for subscription-level coupons).</summary>
public sealed record RedeemCoupon(string AccountCode, string CouponCode, string Currency, string? SubscriptionId) : ISelfTransactedCommand<RedemptionDto>;

/// <summary>
/// The HTTP list of a coupon's redemptions (issue 16), one page at a time in redemption order (R3 totals included),
/// narrowed by <paramref name="State"/> (<c>active</c> or <c>inactive</c>); an unknown coupon is <c>coupon_not_found</c>.
/// </summary>
public sealed record PageCouponRedemptions(string CouponId, string? State, PageRequest Page) : IQuery<Page<RedemptionDto>>;

/// <summary>
/// The HTTP list of an account's redemptions (issue 16), one page at a time in redemption order, narrowed by
/// <paramref name="State"/>, <paramref name="SubscriptionId"/> (the redemptions of that subscription) and the page's
/// window (its keys are redemption ids); an unknown account is <c>account_not_found</c>.
/// </summary>
public sealed record PageAccountRedemptions(string AccountCode, string? State, PageRequest Page, string? SubscriptionId = null) : IQuery<Page<RedemptionDto>>;

/// <summary>C13: expires coupons whose redeem_by has passed (run by the bill run).</summary>
public sealed record ExpireDueCoupons : ICommand<int>;

/// <summary>R5: ends redemptions whose duration ran out (run by the bill run).</summary>
public sealed record EndFinishedRedemptions : ICommand<int>;

/// <summary>
/// For Invoicing: the active redemptions that apply to an invoice being built for this account,
/// subscription, plan and currency at <paramref name="At"/>, with everything the discount engine needs.
/// A null <paramref name="PlanCode"/> means the invoice has no plan charges (one-time charges only), so plan
/// eligibility does not restrict it; the engine still applies only coupons valid for one-time charges (C7).
/// </summary>
public sealed record GetApplicableDiscounts(
    string AccountCode,
    string? SubscriptionId,
    string? PlanCode,
    string Currency,
    DateTimeOffset At) : IQuery<ApplicableDiscounts>;

/// <summary>
/// <see cref="GetApplicableDiscounts"/> for many invoices at once (the bill run), answered in the order asked, as if
/// each were asked alone.
/// </summary>
public sealed record GetApplicableDiscountsForMany(IReadOnlyList<GetApplicableDiscounts> Invoices) : IQuery<IReadOnlyList<ApplicableDiscounts>>;

/// <summary>What one redemption took off an invoice being issued.</summary>
public sealed record AppliedRedemption(string RedemptionId, long AmountMinor);

/// <summary>
/// Sent by Invoicing inside the transaction that issues an invoice: adds what each redemption discounted to its
/// totals and, where it took money off, counts the billing period the invoice bills as one it discounted (R3, R5).
/// That period is <paramref name="PeriodStart"/> of <paramref name="SubscriptionId"/> for a period invoice, the
/// subscription's current period for a change invoice (no period start), and none for one-time charges (no
/// subscription). Synchronous on purpose: the next period's invoice (a catch-up renewal) must already see it.
/// </summary>
public sealed record RecordInvoiceDiscounts(long InvoiceNumber, string Currency, string? SubscriptionId, DateTimeOffset? PeriodStart, IReadOnlyList<AppliedRedemption> Redemptions) : ICommand<int>;

/// <summary>
/// <see cref="RecordInvoiceDiscounts"/> for many invoices at once (the bill run), recorded in the order given, exactly
/// as if each were sent alone; answers the number of redemptions changed.
/// </summary>
public sealed record RecordManyInvoiceDiscounts(IReadOnlyList<RecordInvoiceDiscounts> Invoices) : ICommand<int>;

/// <summary>The coupon a code names (a coupon's own code, the redeemable one first, or a bulk coupon's unique code).</summary>
public sealed record FindCouponByCode(string Code) : IQuery<CouponDto>;
