using Billing.Invoicing.Contracts;
using FluentValidation;

namespace Billing.Invoicing.Application.GenerateInvoice;

/// <summary>Every invoice of the batch by <see cref="GenerateInvoiceValidator"/>, each failure named by its position.</summary>
internal sealed class GenerateInvoicesValidator : AbstractValidator<GenerateInvoices>
{
    private static readonly GenerateInvoiceValidator Single = new();

    public GenerateInvoicesValidator()
    {
        RuleFor(g => g.Invoices).Custom((invoices, context) =>
        {
            for (int i = 0; i < invoices.Count; i++)
            {
                foreach (var failure in Single.Validate(invoices[i]).Errors)
                {
                    context.AddFailure($"invoices[{i}].{failure.PropertyName}", failure.ErrorMessage);
                }
            }
        });
    }
}
