using System.Numerics;
using Billing.SharedKernel;

namespace Billing.Coupons.Domain;

/// <summary>
/// The Coupons module's refusals (DOMAIN.md C and R), each code with its kind, and so its HTTP status, declared once.
/// A message that names values takes them as arguments; ErrorCatalogueTests lists every code with its status.
/// </summary>
internal static class CouponErrors
{
    public static Error NotFound(string id) =>
        CouponNotFoundBecause($"No coupon has the id '{id}'.");

    public static Error NotFoundByCode(string code) =>
        CouponNotFoundBecause($"No coupon has the code '{code}'.");

    public static Error NoRedeemableCode(string code) =>
        CouponNotFoundBecause($"No redeemable coupon has the code '{code}'.");

    public static Error UniqueCodeRequired(string code) =>
        Error.Rule("unique_code_required", $"Coupon '{code}' is a bulk coupon: redeem one of its unique codes (C16).");

    public static Error CodeTaken(string code) =>
        CodeTakenBecause($"The code '{code}' already belongs to a redeemable coupon (C1).");

    public static Error CodeOfExpiredCoupon(string code) =>
        CodeTakenBecause($"The code '{code}' belonged to a coupon that expired by its redeem_by date and cannot be reused (C15).");

    public static Error CodeIsAUniqueCode(string code) =>
        CodeTakenBecause($"The code '{code}' is a unique code of a bulk coupon (C1).");

    public static Error CodeTakenMeanwhile(string code) =>
        CodeTakenBecause($"The code '{code}' now belongs to another redeemable coupon; this one cannot be restored (C14).");

    public static Error IdTaken(string id) =>
        Error.Conflict("id_taken", $"A coupon with id '{id}' already exists (C2).");

    public static Error UnknownUniqueCode(string code) =>
        UniqueCodeNotFoundBecause($"No bulk coupon has the unique code '{code}'.");

    public static Error UniqueCodeNotFound(string couponId, string code) =>
        UniqueCodeNotFoundBecause($"Coupon '{couponId}' has no unique code '{code}'.");

    public static Error PlanNotEligible(string couponCode, string planCode) =>
        Error.Rule("plan_not_eligible", $"Coupon '{couponCode}' does not apply to plan '{planCode}' (C7).");

    public static Error PackageNotEligible(string couponCode, string packageCode, string reason) =>
        Error.Rule("package_not_eligible", $"Coupon '{couponCode}' does not apply to the one-time package '{packageCode}': {reason}");

    public static Error AccountCapReached(string accountCode, string couponCode, int? cap) =>
        MaxRedemptionsPerAccountReachedBecause($"Account '{accountCode}' has already redeemed coupon '{couponCode}' {cap} time(s).");

    public static Error ActiveRedemptionOnAccount(string accountCode, string couponCode) =>
        MaxRedemptionsPerAccountReachedBecause($"Account '{accountCode}' already has an active redemption of coupon '{couponCode}'; without max_redemptions_per_account a coupon is redeemed once per account while a redemption of it is active.");

    public static Error MaxRedemptionsReached(string code) =>
        Error.Rule("max_redemptions_reached", $"Coupon '{code}' has reached its maximum number of redemptions.");

    public static Error CurrencyNotBilled(string currency, string billedIn) =>
        Error.Rule("currency_not_billed", $"A redemption in {currency} would discount nothing: {billedIn} (R1).");

    public static Error SubscriptionRequired(string code) =>
        Error.Rule("subscription_required", $"Coupon '{code}' is subscription-level: name the subscription it discounts (C8).");

    public static Error SubscriptionNotOnAccount(string subscriptionId, string accountCode) =>
        Error.Rule("subscription_not_on_account", $"Subscription '{subscriptionId}' does not belong to account '{accountCode}'.");

    public static Error SubscriptionNotActive(string subscriptionId, string state) =>
        Error.Rule("subscription_not_active", $"Subscription '{subscriptionId}' is {state}; only a live subscription can take a coupon.");

    public static Error RedemptionNotFound(string accountCode, string redemptionId) =>
        Error.NotFound("redemption_not_found", $"Account '{accountCode}' has no redemption '{redemptionId}'.");

    public static Error RedemptionMissing(string redemptionId) =>
        Error.NotFound("redemption_not_found", $"Redemption '{redemptionId}' does not exist.");

    public static Error RedemptionInactive(string redemptionId, string reason) =>
        Error.Conflict("redemption_inactive", $"Redemption '{redemptionId}' is already inactive ({reason}).");

    public static Error NotABulkCoupon(string code) =>
        Error.Rule("not_a_bulk_coupon", $"Coupon '{code}' is a single-code coupon; only bulk coupons have unique codes (C16).");

    public static Error TemplateExhausted(string? template, long remaining, BigInteger capacity, int issued) =>
        TemplateExhaustedBecause($"The template '{template}' can produce {remaining} more codes ({capacity} possible, {issued} issued); ask for at most {remaining}, or use a longer template (C16).");

    public static Error TooFewCodesDrawn(int drawn, int requested, string? template) =>
        TemplateExhaustedBecause($"Only {drawn} of {requested} new distinct codes could be drawn from '{template}'; use a longer template (C16).");

    public static Error Expired(string code) =>
        CouponExpiredBecause($"Coupon '{code}' has expired.");

    public static Error ExpiredNotEditable(string code) =>
        CouponExpiredBecause($"Coupon '{code}' is expired; an expired coupon is edited only through restore (C11).");

    public static Error RedeemByPassed(string code, DateTimeOffset? redeemBy) =>
        Error.Rule("redeem_by_passed", $"Coupon '{code}' could only be redeemed until {redeemBy:u}.");

    public static Error CurrencyNotSupported(string code, string currency) =>
        Error.Rule("currency_not_supported", $"Coupon '{code}' has no discount amount in {currency}.");

    public static Error AlreadyExpired(string code) =>
        Error.Conflict("coupon_already_expired", $"Coupon '{code}' is already expired.");

    public static Error NotExpired(string code) =>
        Error.Conflict("coupon_not_expired", $"Coupon '{code}' is not expired; only an expired coupon can be restored.");

    public static Error RedeemByInPast { get; } =
        Error.Rule("redeem_by_in_past", "The new redeem_by must be in the future (C14).");

    public static Error RestoreNeedsNewRedeemBy(string code) =>
        Error.Rule("restore_needs_new_redeem_by", $"Coupon '{code}' expired by its redeem_by date; restore it with a redeem_by in the future (C14).");

    public static Error RestoreNeedsHigherMaxRedemptions(string code, int timesRedeemed) =>
        Error.Rule("restore_needs_higher_max_redemptions", $"Coupon '{code}' has been redeemed {timesRedeemed} time(s); restore it with a max_redemptions above that (C14).");

    public static Error MaxRedemptionsBelowTimesRedeemed(int timesRedeemed) =>
        Error.Rule("max_redemptions_below_times_redeemed", $"max_redemptions cannot be below the {timesRedeemed} redemption(s) already made (C11).");

    public static Error UniqueCodeNotRedeemable(string code, string state) =>
        Error.Conflict("unique_code_not_redeemable", $"The code '{code}' is {state}; only a redeemable code can be expired.");

    public static Error UniqueCodeNotExpired(string code, string state) =>
        Error.Conflict("unique_code_not_expired", $"The code '{code}' is {state}; only an expired code can be restored.");

    private static Error CouponNotFoundBecause(string message) => Error.NotFound("coupon_not_found", message);

    private static Error CodeTakenBecause(string message) => Error.Conflict("code_taken", message);

    private static Error UniqueCodeNotFoundBecause(string message) => Error.NotFound("unique_code_not_found", message);

    private static Error MaxRedemptionsPerAccountReachedBecause(string message) => Error.Rule("max_redemptions_per_account_reached", message);

    private static Error TemplateExhaustedBecause(string message) => Error.Rule("template_exhausted", message);

    private static Error CouponExpiredBecause(string message) => Error.Rule("coupon_expired", message);
}
