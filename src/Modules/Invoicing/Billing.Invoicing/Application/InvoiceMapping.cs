using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Mapster;

namespace Billing.Invoicing.Application;

/// <summary>
/// The invoice as the API shows it, mapped by <see cref="InvoicingMappingConfig"/>: amounts in major units of its currency
/// (M1); a preview has no number and, when it is the purchase of someone without an account, no account code (I7).
/// </summary>
internal static class InvoiceMapping
{
    public static InvoiceDto ToDto(this Invoice invoice) =>
        invoice.BuildAdapter(InvoicingMappingConfig.Config)
            .AddParameters(InvoicingMappingConfig.CurrencyParameter, invoice.Currency)
            .AdaptToType<InvoiceDto>();
}
