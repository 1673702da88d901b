using Billing.SharedKernel;

namespace Billing.Invoicing.Contracts;

/// <summary>I2 line kinds, in the order they appear on an invoice.</summary>
public static class LineTypes
{
    public const string SetupFee = "setup_fee";
    public const string Plan = "plan";
    public const string AddOn = "add_on";
    public const string OneTime = "one_time";
    public const string ProrationCharge = "proration_charge";
    public const string ProrationCredit = "proration_credit";
}

/// <summary>A charge to invoice, priced by the module that owns it (amounts in minor units).</summary>
public sealed record ChargeLine(string Type, string Code, string Description, int Quantity, long UnitAmountMinor);

/// <summary>
/// Builds, discounts, taxes and saves the invoice of one billing period (or of one-time charges when
/// <paramref name="SubscriptionId"/> is null). Generating the same subscription period again answers the
/// existing invoice (I5).
/// </summary>
public sealed record GenerateInvoice(
    string AccountCode,
    string? SubscriptionId,
    string? PlanCode,
    string Currency,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    decimal TaxRatePercent,
    bool IsTrial,
    IReadOnlyList<ChargeLine> Lines) : ICommand<InvoiceDto>;

/// <summary>
/// The bill run's form of <see cref="GenerateInvoice"/>: many invoices issued in one go, answered in the order
/// given, each exactly as if it were generated alone in that order (an account's earlier invoice consumes its
/// coupons' periods before its later one is built; a period already invoiced answers its invoice, I5).
/// </summary>
public sealed record GenerateInvoices(IReadOnlyList<GenerateInvoice> Invoices) : ICommand<IReadOnlyList<InvoiceDto>>;

/// <summary>An invoice by its number as the path gives it: anything that is not an issued number is <c>invoice_not_found</c>.</summary>
public sealed record GetInvoice(string Number) : IQuery<InvoiceDto>;

/// <summary>I6: the invoice as plain text a person reads.</summary>
public sealed record RenderInvoiceText(string Number) : IQuery<string>;

/// <summary>Invoices, filtered by account and subscription; a filter naming an unknown one is its not-found error.</summary>
public sealed record ListInvoices(string? AccountCode, string? SubscriptionId) : IQuery<IReadOnlyList<InvoiceDto>>;
