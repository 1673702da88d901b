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

public sealed record GetPlan(string Code) : IQuery<PlanDto>;

public sealed record ListPlans : IQuery<IReadOnlyList<PlanDto>>;

/// <summary>S2: a customer account.</summary>
public sealed record CreateAccount(string Code, string Email, string Country, decimal? TaxRate) : ICommand<AccountDto>;

public sealed record GetAccount(string Code) : IQuery<AccountDto>;

public sealed record AddOnQuantity(string Code, int Quantity);

/// <summary>S3 + R6: creates a subscription, redeems its coupon codes and issues its first invoice in one transaction.</summary>
public sealed record CreateSubscription(
    string AccountCode,
    string PlanCode,
    string Currency,
    int? Quantity,
    IReadOnlyList<AddOnQuantity>? AddOns,
    IReadOnlyList<string>? CouponCodes) : ICommand<SubscriptionDto>;

public sealed record GetSubscription(string Id) : IQuery<SubscriptionDto>;

/// <summary>S6: renews every subscription whose period has ended, one period at a time.</summary>
public sealed record RenewDueSubscriptions : ICommand<RenewalCounts>;
