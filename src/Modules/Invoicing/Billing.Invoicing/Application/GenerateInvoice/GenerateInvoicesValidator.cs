using Billing.Invoicing.Contracts;
using FluentValidation;

namespace Billing.Invoicing.Application.GenerateInvoice;

internal sealed class GenerateInvoicesValidator : AbstractValidator<GenerateInvoices>
{
    public GenerateInvoicesValidator()
    {
        RuleForEach(g => g.Invoices).SetValidator(new GenerateInvoiceValidator());
    }
}
