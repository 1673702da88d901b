using Billing.SharedKernel;

namespace Billing.Invoicing.Contracts;

/// <summary>
/// D3: one keyset page of invoices in number order, those numbered after <paramref name="AfterNumber"/>, at most
/// <paramref name="Size"/> (1 to 1,000); exports read page after page so their memory stays constant.
/// </summary>
public sealed record ListInvoicesPage(long AfterNumber, int Size) : IQuery<IReadOnlyList<InvoiceDto>>;
