using System.Globalization;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.ReadInvoice;

/// <summary>One not-found answer for any invoice number that names no invoice, whatever its form (issue 14).</summary>
internal static class InvoiceNumbers
{
    public static async Task<Result<Invoice>> FindAsync(this InvoicingDbContext db, string number, CancellationToken cancellationToken) =>
        long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed)
        && await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Number == parsed, cancellationToken) is { } invoice
            ? invoice
            : InvoiceErrors.NotFound(number);
}
