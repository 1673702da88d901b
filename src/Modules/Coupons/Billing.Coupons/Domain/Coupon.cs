using System.Linq.Expressions;
using Billing.Coupons.Contracts;
using Billing.SharedKernel;

namespace Billing.Coupons.Domain;

/// <summary>A coupon campaign (C1–C16).</summary>
internal sealed class Coupon
{
    /// <summary>C13: the redemptions counted have reached max_redemptions (no cap: never).</summary>
    private static readonly Expression<Func<int, int?, bool>> CapReachedRule = (redemptions, cap) => cap != null && redemptions >= cap;

    /// <summary>C6: redeem_by (none: never) has passed at an instant.</summary>
    private static readonly Expression<Func<DateTimeOffset?, DateTimeOffset, bool>> RedeemByPassedRule = (redeemBy, now) => redeemBy != null && redeemBy <= now;

    private static readonly Func<int, int?, bool> CapReached = CapReachedRule.Compile();

    private static readonly Func<DateTimeOffset?, DateTimeOffset, bool> RedeemByPassed = RedeemByPassedRule.Compile();

    private string name = string.Empty;
    private int? maxRedemptions;
    private int? maxRedemptionsPerAccount;
    private DateTimeOffset? redeemBy;
    private string? hostedPageDescription;
    private string? invoiceDescription;
    private Dictionary<string, string> metadata = [];
    private CouponState state;
    private ExpireReason? expireReason;
    private DateTimeOffset? expiredAt;

    public string Id { get; init; } = string.Empty;

    /// <summary>The code as the merchant wrote it.</summary>
    public string Code { get; init; } = string.Empty;

    /// <summary>Upper-case code: codes are case-insensitive (C1).</summary>
    public string NormalizedCode { get; init; } = string.Empty;

    public string Name { get => name; init => name = value; }

    public DiscountType DiscountType { get; init; }

    public int? Percent { get; init; }

    /// <summary>Fixed discount per currency code, in minor units (C4).</summary>
    public Dictionary<string, long> FixedAmounts { get; init; } = [];

    public TimeUnit? TrialUnit { get; init; }

    public int? TrialLength { get; init; }

    public DurationType DurationType { get; init; }

    public int? DurationAmount { get; init; }

    public TimeUnit? DurationUnit { get; init; }

    public int? DurationPeriods { get; init; }

    public int? MaxRedemptions { get => maxRedemptions; init => maxRedemptions = value; }

    public int? MaxRedemptionsPerAccount { get => maxRedemptionsPerAccount; init => maxRedemptionsPerAccount = value; }

    public DateTimeOffset? RedeemBy { get => redeemBy; init => redeemBy = value; }

    public bool AllPlans { get; init; } = true;

    public List<string> PlanCodes { get; init; } = [];

    public bool NonPlanCharges { get; init; }

    public RedemptionResource RedemptionResource { get; init; }

    public CouponType CouponType { get; init; }

    public string? UniqueCodeTemplate { get; init; }

    public string? HostedPageDescription { get => hostedPageDescription; init => hostedPageDescription = value; }

    public string? InvoiceDescription { get => invoiceDescription; init => invoiceDescription = value; }

    public Dictionary<string, string> Metadata { get => metadata; init => metadata = value; }

    public CouponState State { get => state; init => state = value; }

    public ExpireReason? ExpireReason { get => expireReason; init => expireReason = value; }

    public int TimesRedeemed { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiredAt { get => expiredAt; init => expiredAt = value; }

    public bool IsEligibleFor(string? planCode) => AllPlans || (planCode is not null && PlanCodes.Contains(planCode, StringComparer.Ordinal));

    /// <summary>
    /// C7, C8, S7: why this coupon cannot discount a one-time charge such as a package, or null when it can: the charge
    /// belongs to no subscription (so the coupon is account-level), a free trial discounts no amount (C4), and a one-time
    /// charge is discounted only when the coupon says so and the site allows it (<paramref name="siteAllows"/>, C17).
    /// </summary>
    public Error? RefusalForOneTimeCharge(string packageCode, bool siteAllows)
    {
        string? reason = RedemptionResource == RedemptionResource.Subscription
            ? "it is redeemed on a subscription (C8), and a package is none."
            : DiscountType == DiscountType.FreeTrial
                ? "a free trial discounts no one-time charge (C4)."
                : !NonPlanCharges
                    ? "it applies to plan charges only (C7)."
                    : !siteAllows
                        ? "this site does not discount one-time charges (C7, C17)."
                        : null;
        return reason is null ? null : CouponErrors.PackageNotEligible(Code, packageCode, reason);
    }

    /// <summary>When a redemption made at <paramref name="redeemedAt"/> stops discounting (temporal durations only, C5).</summary>
    public DateTimeOffset? DurationEndsAt(DateTimeOffset redeemedAt) =>
        DurationType == DurationType.Temporal && DurationUnit is { } unit && DurationAmount is { } amount
            ? redeemedAt.Add(unit, amount)
            : null;

    /// <summary>
    /// Issue 25 item 2, C6: without <c>max_redemptions_per_account</c> the coupon is redeemed once per account while a
    /// redemption of it is active (Recurly's default of one), so it never stacks on itself.
    /// </summary>
    public bool IsOncePerAccount => MaxRedemptionsPerAccount is null;

    /// <summary>How many billing periods a redemption discounts; null when not counted in periods (C5).</summary>
    public int? PeriodLimit => DurationType switch
    {
        DurationType.SingleUse => 1,
        DurationType.BillingPeriods => DurationPeriods,
        _ => null,
    };

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>
    /// R2: the guard of the statement that counts a redemption: the coupon is still redeemable and under its cap.
    /// </summary>
    public static Expression<Func<Coupon, bool>> CanCountRedemption { get; } =
        WithCapReached((coupon, reached) => coupon.State == CouponState.Redeemable && !reached, coupon => coupon.TimesRedeemed);

    /// <summary>C13: the state after a counted redemption: the redemption that reaches the cap expires the coupon.</summary>
    public static Expression<Func<Coupon, CouponState>> StateAfterCountedRedemption { get; } =
        WithCapReached((coupon, reached) => reached ? CouponState.Expired : coupon.State, coupon => coupon.TimesRedeemed + 1);

    /// <summary>C13: the expire reason after a counted redemption.</summary>
    public static Expression<Func<Coupon, ExpireReason?>> ExpireReasonAfterCountedRedemption { get; } =
        WithCapReached((coupon, reached) => reached ? Domain.ExpireReason.MaxRedemptions : coupon.ExpireReason, coupon => coupon.TimesRedeemed + 1);

    /// <summary>C6: redeem_by has passed at <paramref name="now"/>; a coupon past it is refused (R1) and expired by the job.</summary>
    public static Expression<Func<Coupon, bool>> IsPastRedeemBy(DateTimeOffset now) =>
        Inline((_, passed) => passed, RedeemByPassedRule, coupon => coupon.RedeemBy, _ => now);

    /// <summary>C13: the expiry instant after a counted redemption made at <paramref name="now"/>.</summary>
    public static Expression<Func<Coupon, DateTimeOffset?>> ExpiredAtAfterCountedRedemption(DateTimeOffset now) =>
        WithCapReached((coupon, reached) => reached ? now : coupon.ExpiredAt, coupon => coupon.TimesRedeemed + 1);

    /// <summary>R1 refusals that depend on the coupon alone, checked in the order a customer would ask about them.</summary>
    public Error? RefusalFor(string currency, DateTimeOffset now)
    {
        if (State == CouponState.Expired)
        {
            return ExpireReason == Domain.ExpireReason.MaxRedemptions
                ? CouponErrors.MaxRedemptionsReached(Code)
                : CouponErrors.Expired(Code);
        }

        if (RedeemByPassed(RedeemBy, now))
        {
            return CouponErrors.RedeemByPassed(Code, RedeemBy);
        }

        if (CapReached(TimesRedeemed, MaxRedemptions))
        {
            return CouponErrors.MaxRedemptionsReached(Code);
        }

        if (DiscountType == DiscountType.Fixed && !FixedAmounts.ContainsKey(currency))
        {
            return CouponErrors.CurrencyNotSupported(Code, currency);
        }

        return null;
    }

    /// <summary>C12: expires the coupon now; new redemptions are refused, active ones keep discounting.</summary>
    public Error? ExpireManually(DateTimeOffset now)
    {
        if (State == CouponState.Expired)
        {
            return CouponErrors.AlreadyExpired(Code);
        }

        Expire(Domain.ExpireReason.Manual, now);
        return null;
    }

    /// <summary>
    /// C14: an expired coupon becomes redeemable again. When it expired by redeem_by the restore must move
    /// redeem_by into the future; when it expired by max_redemptions it must raise the cap above times_redeemed.
    /// </summary>
    public Error? Restore(DateTimeOffset? newRedeemBy, int? newMaxRedemptions, DateTimeOffset now)
    {
        if (State == CouponState.Redeemable)
        {
            return CouponErrors.NotExpired(Code);
        }

        var restoredRedeemBy = newRedeemBy ?? RedeemBy;
        var restoredMaxRedemptions = newMaxRedemptions ?? MaxRedemptions;
        if (RedeemByPassed(newRedeemBy, now))
        {
            return CouponErrors.RedeemByInPast;
        }

        if (RedeemByPassed(restoredRedeemBy, now))
        {
            return CouponErrors.RestoreNeedsNewRedeemBy(Code);
        }

        if (CapReached(TimesRedeemed, restoredMaxRedemptions))
        {
            return CouponErrors.RestoreNeedsHigherMaxRedemptions(Code, TimesRedeemed);
        }

        redeemBy = restoredRedeemBy;
        maxRedemptions = restoredMaxRedemptions;
        state = CouponState.Redeemable;
        expireReason = null;
        expiredAt = null;
        return null;
    }

    /// <summary>C11: a new cap may not be below what has been redeemed; reaching it exactly expires the coupon (C13).</summary>
    public Error? ChangeMaxRedemptions(int? newMaxRedemptions, DateTimeOffset now)
    {
        if (newMaxRedemptions is { } cap && cap < TimesRedeemed)
        {
            return CouponErrors.MaxRedemptionsBelowTimesRedeemed(TimesRedeemed);
        }

        maxRedemptions = newMaxRedemptions;
        if (CapReached(TimesRedeemed, newMaxRedemptions))
        {
            Expire(Domain.ExpireReason.MaxRedemptions, now);
        }

        return null;
    }

    /// <summary>
    /// C6, C11: a new redeem_by (null: none) must lie in the future; to stop redemptions now the coupon is expired (C12).
    /// </summary>
    public Error? ChangeRedeemBy(DateTimeOffset? newRedeemBy, DateTimeOffset now)
    {
        if (RedeemByPassed(newRedeemBy, now))
        {
            return Error.Validation("redeem_by", "redeem_by must be in the future (C6); to stop redemptions now, expire the coupon (C12).");
        }

        redeemBy = newRedeemBy;
        return null;
    }

    /// <summary>C11: the terms an edit may change without changing what active redemptions get.</summary>
    public void Describe(string newName, string? newHostedPageDescription, string? newInvoiceDescription, Dictionary<string, string> newMetadata, int? newMaxRedemptionsPerAccount)
    {
        name = newName;
        hostedPageDescription = newHostedPageDescription;
        invoiceDescription = newInvoiceDescription;
        metadata = newMetadata;
        maxRedemptionsPerAccount = newMaxRedemptionsPerAccount;
    }

    private void Expire(ExpireReason reason, DateTimeOffset now)
    {
        state = CouponState.Expired;
        expireReason = reason;
        expiredAt = now;
    }

    /// <summary>A statement's expression over a coupon whose <c>bool</c> is <see cref="CapReachedRule"/> of the redemptions <paramref name="redemptions"/> gives.</summary>
    private static Expression<Func<Coupon, T>> WithCapReached<T>(Expression<Func<Coupon, bool, T>> shape, Expression<Func<Coupon, int>> redemptions) =>
        Inline(shape, CapReachedRule, redemptions, coupon => coupon.MaxRedemptions);

    /// <summary>
    /// <paramref name="shape"/> with its <c>bool</c> parameter replaced by <paramref name="rule"/>'s body, whose parameters
    /// are replaced by <paramref name="first"/> and <paramref name="second"/> of the same coupon: one statement of a rule, inlined into SQL.
    /// </summary>
    private static Expression<Func<Coupon, T>> Inline<T, TFirst, TSecond>(
        Expression<Func<Coupon, bool, T>> shape,
        Expression<Func<TFirst, TSecond, bool>> rule,
        Expression<Func<Coupon, TFirst>> first,
        Expression<Func<Coupon, TSecond>> second)
    {
        var coupon = shape.Parameters[0];
        var condition = rule.Body;
        foreach (var (parameter, argument) in rule.Parameters.Zip<ParameterExpression, LambdaExpression>([first, second]))
        {
            condition = Substitution.Replace(condition, parameter, Substitution.Replace(argument.Body, argument.Parameters[0], coupon));
        }

        return Expression.Lambda<Func<Coupon, T>>(Substitution.Replace(shape.Body, shape.Parameters[1], condition), coupon);
    }

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        public static Expression Replace(Expression expression, ParameterExpression parameter, Expression replacement) =>
            new Substitution(parameter, replacement).Visit(expression);

        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
