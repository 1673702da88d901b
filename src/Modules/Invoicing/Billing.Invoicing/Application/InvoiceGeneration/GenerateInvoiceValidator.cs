using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.SharedKernel;
using FluentValidation;

namespace Billing.Invoicing.Application.InvoiceGeneration;

internal sealed class GenerateInvoiceValidator : AbstractValidator<GenerateInvoice>
{
    public GenerateInvoiceValidator()
    {
        foreach (var rule in InvoiceRequestRules.All)
        {
            RuleFor(g => g).Must(rule.Holds).OverridePropertyName(rule.Property).WithMessage(rule.Message);
        }
    }
}

/// <summary>
/// What an invoice to issue must satisfy, as one table for <see cref="GenerateInvoiceValidator"/> and
/// <see cref="GenerateInvoicesValidator"/>. Plain predicates, not a FluentValidation validator per invoice: the bill run
/// checks a thousand invoices per batch, and a validator run per invoice (its context, rules and results) cost 5% of a
/// renewal.
/// </summary>
internal static class InvoiceRequestRules
{
    internal sealed record Rule(string Property, Func<GenerateInvoice, bool> Holds, string Message);

    internal static readonly Rule[] All =
    [
        new("AccountCode", g => !string.IsNullOrWhiteSpace(g.AccountCode), "accountCode must not be empty."),
        new("Currency", g => Currency.TryFind(g.Currency, out _), "currency must be a supported ISO 4217 code."),
        new("TaxRatePercent", g => g.TaxRatePercent is >= 0m and <= 100m, "taxRatePercent must be between 0 and 100."),
        new("Lines", g => g.Lines is { Count: > 0 }, "an invoice needs at least one line."),
        new("Lines", g => g.Lines is null || g.Lines.All(IsValid), "every line needs a known type, a quantity of at least 1 and a description."),
        new("PeriodStart", g => g.SubscriptionId is null || g.PeriodEnd is null || g.PeriodStart is not null, "a subscription's invoice with a period end needs its period start."),
    ];

    private static bool IsValid(ChargeLine line) =>
        Enum.IsDefined(line.Type) && line.Quantity >= 1 && !string.IsNullOrWhiteSpace(line.Description);
}
