using System.Globalization;
using Billing.Host.MyAccount;
using Billing.Invoicing.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.MyAccount;

/// <summary>K5: one of the session's account's invoices, rendered as on the dashboard; any other number is not found.</summary>
internal sealed class InvoiceModel(IMediator mediator) : PageModel
{
    public InvoiceDto Invoice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long number, CancellationToken ct)
    {
        var invoice = await mediator.Send(new GetInvoice(number.ToString(CultureInfo.InvariantCulture)), ct);
        if (!invoice.IsSuccess || invoice.Value.AccountCode != MyAccountSetup.AccountOf(User))
        {
            return NotFound();
        }

        Invoice = invoice.Value;
        return Page();
    }
}
