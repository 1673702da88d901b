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
        RuleForEach(g => g.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Type).Must(t => Wire<LineType>.TryParse(t, out _)).WithMessage("unknown line type.");
            line.RuleFor(l => l.Quantity).GreaterThanOrEqualTo(1);
            line.RuleFor(l => l.Description).NotEmpty();
        });
        RuleFor(g => g.PeriodStart).NotNull().When(g => g.SubscriptionId is not null && g.PeriodEnd is not null);
    }
}
