using Billing.Invoicing.Contracts;
using Billing.SharedKernel;

namespace Billing.Subscriptions.Contracts;

public sealed record IntervalSpec(int Length, string Unit);

public sealed record PlanCurrencySpec(string Currency, decimal UnitAmount, decimal SetupFee);

public sealed record AddOnCurrencySpec(string Currency, decimal UnitAmount);

public sealed record AddOnSpec(string Code, string Name, IReadOnlyList<AddOnCurrencySpec> Currencies);

/// <summary>S1: a plan (offering) with per-currency prices and add-ons.</summary>
public sealed record CreatePlan(
    string Code,
    string Name,
    IntervalSpec Interval,
    IntervalSpec? Trial,
    IReadOnlyList<PlanCurrencySpec> Currencies,
    IReadOnlyList<AddOnSpec>? AddOns) : ICommand<PlanDto>;

/// <summary>
/// Issue 16: renames a plan, sets prices per currency (a currency not listed keeps its price; a currency listed for the
/// first time is added) and appends add-ons. New subscriptions and renewals from the next period pay the new price,
/// never the current period. An absent field is left as it is and a field given as <c>null</c> is refused; the whole
/// change is validated before anything is written.
/// </summary>
public sealed record UpdatePlan(string Code, Patch<string?> Name, Patch<IReadOnlyList<PlanCurrencySpec>?> Currencies, Patch<IReadOnlyList<AddOnSpec>?> AddOns)
    : ICommand<PlanDto>;

/// <summary>Issue 16: archives a plan: no new subscription to it (<c>plan_archived</c>), its subscriptions keep renewing.</summary>
public sealed record ArchivePlan(string Code) : ICommand<PlanDto>;

public sealed record GetPlan(string Code) : IQuery<PlanDto>;

/// <summary>The HTTP list of plans (issue 16), one page at a time in creation order (then code).</summary>
public sealed record PagePlans(PageRequest Page) : IQuery<Page<PlanDto>>;

/// <summary>S2: a customer account; <paramref name="CollectionMethod"/> (P2) is <c>automatic</c> unless given.</summary>
public sealed record CreateAccount(string Code, string Email, string Country, decimal? TaxRate, string? CollectionMethod = null) : ICommand<AccountDto>;

/// <summary>
/// Issue 16: changes an account's email, country, tax rate (for invoices issued from now on) and collection method; an
/// absent field is left as it is, and a field given as <c>null</c> is refused (none can be cleared). The whole change
/// is validated before anything is written. Turning collection automatic is followed by the collection
/// <c>SetCollectionMethod</c> does (the host sends it).
/// </summary>
public sealed record UpdateAccount(string AccountCode, Patch<string?> Email, Patch<string?> Country, Patch<decimal?> TaxRate, Patch<string?> CollectionMethod)
    : ICommand<AccountDto>;

/// <summary>P2: changes how the account's invoices are collected (sent by Payments, which validated the HTTP value).</summary>
public sealed record ChangeAccountCollectionMethod(string AccountCode, CollectionMethod CollectionMethod) : ICommand<AccountDto>;

/// <summary>An account; with <paramref name="WithCredit"/>, also its credit balances (P5), asked of Invoicing.</summary>
public sealed record GetAccount(string Code, bool WithCredit = false) : IQuery<AccountDto>;

/// <summary>
/// P2 (issue 15): what decides whether a collected batch's invoices are charged — which of the accounts collect
/// automatically, and which of the subscriptions a partner is paid for (S4's <c>payment_type: external</c>) — one
/// query each. An account that does not exist is not automatic.
/// </summary>
public sealed record GetCollectionTerms(IReadOnlyCollection<string> AccountCodes, IReadOnlyCollection<string> SubscriptionIds) : IQuery<CollectionTerms>;

/// <summary>The answer to <see cref="GetCollectionTerms"/>.</summary>
public sealed record CollectionTerms(IReadOnlySet<string> AutomaticAccounts, IReadOnlySet<string> ExternallyPaidSubscriptions);

/// <summary>
/// Checkout (K1, S2): the oldest account whose email is <paramref name="Email"/> (compared ignoring case), or
/// <c>account_not_found</c>.
/// </summary>
public sealed record FindAccountByEmail(string Email) : IQuery<AccountDto>;

/// <summary>
/// Checkout (K3, K4, S2): the account of a new customer — a generated code (<c>acct_…</c>), <paramref name="Email"/>,
/// <paramref name="Country"/> and a tax rate of 0 — or <see cref="CheckoutAccounts.Exists"/> when an account has that
/// email (ignoring case): a typed email proves nothing, so a returning customer buys with its account only through a
/// signed checkout token of My Account (K5).
/// </summary>
public sealed record CreateCheckoutAccount(string Email, string Country) : ICommand<AccountDto>;

/// <summary>The checkout's refusal of a typed email that an account already has (<see cref="CreateCheckoutAccount"/>).</summary>
public static class CheckoutAccounts
{
    public const string ExistsCode = "account_exists";

    public static Error Exists { get; } = Error.Conflict(
        ExistsCode,
        "An account with this email exists. To buy with it, open this checkout from your My Account page.");
}

public sealed record AddOnQuantity(string Code, int Quantity);

/// <summary>S4: a partner's own price for the subscription (seed 002 flow B); no coupon campaign is redeemed.</summary>
public sealed record PriceOverride(decimal? Price, string? PaymentType, string? ChargedBy, string? DiscountCodeName, string? CouponCode);

/// <summary>
/// S3 + R6: creates a subscription, redeems its coupon codes and issues its first invoice in one transaction.
/// <paramref name="Override"/> is the admin-only price override of S4.
/// </summary>
public sealed record CreateSubscription(
    string AccountCode,
    string PlanCode,
    string Currency,
    int? Quantity = null,
    IReadOnlyList<AddOnQuantity>? AddOns = null,
    IReadOnlyList<string>? CouponCodes = null,
    PriceOverride? Override = null) : ICommand<SubscriptionDto>;

public sealed record GetSubscription(string Id) : IQuery<SubscriptionDto>;

/// <summary>
/// S6: renews every subscription whose period has ended, one period at a time, each subscription in its own
/// transaction (a failure is counted and does not stop the run); ends the ones canceled at period end (S9).
/// </summary>
public sealed record RenewDueSubscriptions : ISelfTransactedCommand<RenewalCounts>;

/// <summary>S6: brings one subscription up to date: every ended period renewed and invoiced, or expired when canceled.</summary>
public sealed record RenewSubscription(string Id) : ICommand<RenewalCounts>;

/// <summary>S8 + R7: a plan or quantity change, now (prorated, invoiced at once) or at renewal.</summary>
public sealed record ChangeSubscription(string Id, string? PlanCode = null, int? Quantity = null, ChangeTimeframe Timeframe = ChangeTimeframe.Now, string? CouponCode = null) : ICommand<SubscriptionDto>;

/// <summary>S9: cancels at period end (default) or now; subscription-level redemptions end with the subscription.</summary>
public sealed record CancelSubscription(string Id, CancelTimeframe Timeframe = CancelTimeframe.PeriodEnd) : ICommand<SubscriptionDto>;

/// <summary>
/// S9: undoes a cancellation at period end before the period ends: the subscription renews again as if never
/// canceled (<c>subscription_not_canceled</c> when it is not canceled, <c>subscription_period_ended</c> once its period is over).
/// </summary>
public sealed record ReactivateSubscription(string Id) : ICommand<SubscriptionDto>;

/// <summary>S1: a one-time package (e.g. 100 SMS) sold with one-time charges.</summary>
public sealed record CreatePackage(string Code, string Name, IReadOnlyList<AddOnCurrencySpec> Currencies) : ICommand<PackageDto>;

/// <summary>A one-time package by its code (S1), or <c>package_not_found</c>: the checkout's offering when no plan has the code (K1).</summary>
public sealed record GetPackage(string Code) : IQuery<PackageDto>;

/// <summary>The packages (issue 16), one page at a time in creation order (then code).</summary>
public sealed record ListPackages(PageRequest Page) : IQuery<Page<PackageDto>>;

/// <summary>S7: a one-time charge invoiced at once; discounted only per C7.</summary>
public sealed record ChargeAccount(string AccountCode, string? Description, string Currency, decimal? Amount, string? OfferingCode) : ICommand<InvoiceDto>;
