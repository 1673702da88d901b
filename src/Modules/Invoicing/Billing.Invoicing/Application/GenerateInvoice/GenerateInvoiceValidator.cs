using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.SharedKernel;
using FluentValidation;

namespace Billing.Invoicing.Application.GenerateInvoice;

internal sealed class GenerateInvoiceValidator : AbstractValidator<Contracts.GenerateInvoice>
{
    public GenerateInvoiceValidator()
    {
        RuleFor(g => g.AccountCode).NotEmpty();
        RuleFor(g => g.Currency).Must(c => Currency.TryFind(c, out _)).WithMessage("currency must be a supported ISO 4217 code.");
        RuleFor(g => g.TaxRatePercent).InclusiveBetween(0m, 100m);
        RuleFor(g => g.Lines).NotEmpty().WithMessage("an invoice needs at least one line.");

        // One rule over the lines, not a child rule per line: the bill run validates hundreds of thousands of lines, and
        // a child rule builds a property path per line and rule.
        RuleFor(g => g.Lines)
            .Must(lines => lines is null || lines.All(IsValid))
            .WithMessage("every line needs a known type, a quantity of at least 1 and a description.");
        RuleFor(g => g.PeriodStart).NotNull().When(g => g.SubscriptionId is not null && g.PeriodEnd is not null);
    }

    private static bool IsValid(ChargeLine line) =>
        Wire<LineType>.TryParse(line.Type, out _) && line.Quantity >= 1 && !string.IsNullOrWhiteSpace(line.Description);
}
