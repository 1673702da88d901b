using Billing.Invoicing.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard.Invoices;

/// <summary>An invoice (I1, I2, I6) as a printable page: lines with their discounts, list then paid price.</summary>
internal sealed class DetailModel(IMediator mediator) : PageModel
{
    public InvoiceDto Invoice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long number, CancellationToken ct)
    {
        var invoice = await mediator.Send(new GetInvoice(number.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        if (!invoice.IsSuccess)
        {
            return NotFound();
        }

        Invoice = invoice.Value;
        return Page();
    }
}
