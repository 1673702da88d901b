using Billing.Invoicing.Contracts;
using FluentValidation;

namespace Billing.Invoicing.Application.InvoiceGeneration;

/// <summary>Every invoice of the batch by <see cref="InvoiceRequestRules"/>, each failure named by its position.</summary>
internal sealed class GenerateInvoicesValidator : AbstractValidator<GenerateInvoices>
{
    public GenerateInvoicesValidator()
    {
        RuleFor(g => g.Invoices).NotNull().Custom((invoices, context) =>
        {
            for (int i = 0; i < invoices?.Count; i++)
            {
                foreach (var rule in InvoiceRequestRules.All)
                {
                    if (!rule.Holds(invoices[i]))
                    {
                        context.AddFailure($"invoices[{i}].{rule.Property}", rule.Message);
                    }
                }
            }
        });
    }
}
