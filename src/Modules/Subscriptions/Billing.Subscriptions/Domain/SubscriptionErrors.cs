using Billing.SharedKernel;

namespace Billing.Subscriptions.Domain;

/// <summary>
/// The Subscriptions module's refusals (accounts, plans, packages, subscriptions; DOMAIN.md S), each code with its
/// kind, and so its HTTP status, declared once.
/// A message that names values takes them as arguments; ErrorCatalogueTests lists every code with its status.
/// </summary>
internal static class SubscriptionErrors
{
    public static Error AccountNotFound(string code) =>
        AccountNotFoundBecause($"No account has the code '{code}'.");

    public static Error NoAccountWithEmail { get; } =
        AccountNotFoundBecause("No account has this email.");

    public static Error AccountCodeTaken(string code) =>
        Error.Conflict("account_code_taken", $"An account with code '{code}' already exists.");

    public static Error PlanCurrencyNotSupported(string planCode, string currency) =>
        CurrencyNotSupportedBecause($"Plan '{planCode}' has no price in {currency}.");

    public static Error AddOnCurrencyNotSupported(string addOnCode, string currency) =>
        CurrencyNotSupportedBecause($"Add-on '{addOnCode}' has no price in {currency}.");

    public static Error PackageCurrencyNotSupported(string packageCode, string currency) =>
        CurrencyNotSupportedBecause($"Package '{packageCode}' has no price in {currency}; give an amount.");

    public static Error PackageNotOfferedIn(string packageCode, string currency) =>
        CurrencyNotSupportedBecause($"Package '{packageCode}' has no price in {currency}.");

    public static Error AddOnNotFound(string planCode, string addOnCode) =>
        Error.Rule("add_on_not_found", $"Plan '{planCode}' has no add-on '{addOnCode}'.");

    public static Error NotFound(string id) =>
        Error.NotFound("subscription_not_found", $"No subscription has the id '{id}'.");

    public static Error AlreadyEnded(string id, string state) =>
        SubscriptionNotActiveBecause($"Subscription '{id}' is already {state}.");

    public static Error NotActiveToChange(string id, string state) =>
        SubscriptionNotActiveBecause($"Subscription '{id}' is {state}; only a live subscription can change.");

    public static Error NoNextInvoice(string id, string state) =>
        SubscriptionNotActiveBecause($"Subscription '{id}' is {state}; it has no next invoice.");

    public static Error PriceOverrideSubscription(string id) =>
        Error.Rule("price_override_subscription", $"Subscription '{id}' is charged a partner's price (S4); its plan and quantity are managed by the partner.");

    public static Error PlanNotFound(string? code) =>
        Error.NotFound("plan_not_found", $"No plan has the code '{code}'.");

    public static Error IntervalMismatch(string planCode, int intervalLength, string intervalUnit) =>
        Error.Rule("interval_mismatch", $"Plan '{planCode}' bills every {intervalLength} {intervalUnit}(s), unlike the subscription's plan; cancel and subscribe instead.");

    public static Error NoChange(string id, string planCode, int quantity) =>
        Error.Rule("no_change", $"Subscription '{id}' already has plan '{planCode}' × {quantity}.");

    public static Error PackageNotFound(string code) =>
        Error.NotFound("package_not_found", $"No one-time package has the code '{code}'.");

    public static Error OfferingCodeTaken(string code) =>
        Error.Conflict("offering_code_taken", $"An offering (plan or package) with code '{code}' already exists.");

    public static Error PlanCodeTaken(string code) =>
        Error.Conflict("plan_code_taken", $"A plan with code '{code}' already exists.");

    public static Error NotCanceled(string id, string state) =>
        Error.Rule("subscription_not_canceled", $"Subscription '{id}' is {state}, not canceled at period end.");

    public static Error PeriodEnded(string id) =>
        Error.Rule("subscription_period_ended", $"The period of subscription '{id}' has ended; a canceled subscription can be reactivated only before its period ends (S9).");

    public static Error PlanArchived(string code) =>
        Error.Rule("plan_archived", $"Plan '{code}' is archived: it takes no new subscriptions.");

    public static Error AddOnCodeTaken(string planCode, string addOnCode) =>
        Error.Conflict("add_on_code_taken", $"Plan '{planCode}' already has an add-on with code '{addOnCode}'; add-ons can only be added.");

    public static Error PlanAlreadyArchived(string code) =>
        Error.Conflict("plan_already_archived", $"Plan '{code}' is already archived.");

    private static Error AccountNotFoundBecause(string message) => Error.NotFound("account_not_found", message);

    private static Error CurrencyNotSupportedBecause(string message) => Error.Rule("currency_not_supported", message);

    private static Error SubscriptionNotActiveBecause(string message) => Error.Rule("subscription_not_active", message);
}
