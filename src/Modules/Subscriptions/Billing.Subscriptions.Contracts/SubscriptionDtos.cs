using Billing.Invoicing.Contracts;

namespace Billing.Subscriptions.Contracts;

public sealed record PlanDto(
    string Code,
    string Name,
    IntervalSpec Interval,
    IntervalSpec? Trial,
    IReadOnlyList<PlanCurrencySpec> Currencies,
    IReadOnlyList<AddOnSpec> AddOns,
    DateTimeOffset CreatedAt);

public sealed record AccountDto(string Code, string Email, string Country, decimal TaxRate, DateTimeOffset CreatedAt);

public sealed record SubscriptionDto(
    string Id,
    string AccountCode,
    string PlanCode,
    string Currency,
    int Quantity,
    IReadOnlyList<AddOnQuantity> AddOns,
    string State,
    DateTimeOffset CurrentPeriodStart,
    DateTimeOffset CurrentPeriodEnd,
    decimal OriginalPrice,
    decimal PurchasePrice,
    DateTimeOffset CreatedAt,
    InvoiceDto? Invoice);

public sealed record RenewalCounts(int Renewed, int Invoiced, int Failed);
