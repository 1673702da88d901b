using Billing.BuildingBlocks.Mapping;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.SharedKernel;
using Mapster;

namespace Billing.Invoicing.Application;

/// <summary>
/// The Invoicing module's Mapster configuration, entity → DTO: members of the same name are copied, line types map
/// to their wire names, and every amount to major units of the invoice's currency through the registered money
/// converter (M1); a line does not carry its currency, so the mapping receives it as the <see cref="CurrencyParameter"/>.
/// <see cref="InvoicingModule"/> registers it, to be compiled when the host starts.
/// </summary>
internal static class InvoicingMappingConfig
{
    /// <summary>The name of the mapping parameter that holds the invoice's currency code.</summary>
    public const string CurrencyParameter = "currency";

    /// <summary>The module's configuration (each pair compiles on first use, and the whole once the host has started).</summary>
    public static TypeAdapterConfig Config { get; } = Create();

    /// <summary>A new, uncompiled configuration (the tests compile it themselves).</summary>
    public static TypeAdapterConfig Create()
    {
        var config = ModuleMapping.NewConfig()
            .MapToWireName<LineType>();

        config.NewConfig<Invoice, InvoiceDto>()
            .Map(dto => dto.Number, invoice => invoice.IsPreview ? (long?)null : invoice.Number)
            .Map(dto => dto.AccountCode, invoice => invoice.AccountCode.Length == 0 ? null : invoice.AccountCode)
            .Map(dto => dto.Subtotal, invoice => ModuleMapping.Money(invoice.Subtotal, invoice.Currency))
            .Map(dto => dto.DiscountTotal, invoice => ModuleMapping.Money(invoice.DiscountTotal, invoice.Currency))
            .Map(dto => dto.TaxTotal, invoice => ModuleMapping.Money(invoice.TaxTotal, invoice.Currency))
            .Map(dto => dto.Total, invoice => ModuleMapping.Money(invoice.Total, invoice.Currency))
            .Map(dto => dto.Lines, invoice => invoice.Lines.OrderBy(line => line.Position))
            .Map(dto => dto.CreditApplied, invoice => ModuleMapping.Money(invoice.CreditApplied, invoice.Currency))
            .Map(dto => dto.AmountPaid, invoice => ModuleMapping.Money(invoice.AmountPaid, invoice.Currency))
            .Map(dto => dto.AmountDue, invoice => ModuleMapping.Money(invoice.AmountDue, invoice.Currency))
            .Map(dto => dto.AmountRefunded, invoice => ModuleMapping.Money(invoice.AmountRefunded, invoice.Currency));
        config.NewConfig<InvoicePayment, InvoicePaymentDto>()
            .Map(dto => dto.Amount, payment => InInvoiceCurrency(payment.Amount));
        config.NewConfig<InvoiceLine, InvoiceLineDto>()
            .Map(dto => dto.UnitAmount, line => InInvoiceCurrency(line.UnitAmount))
            .Map(dto => dto.Amount, line => InInvoiceCurrency(line.Amount))
            .Map(dto => dto.Discount, line => InInvoiceCurrency(line.Discount))
            .Map(dto => dto.Tax, line => InInvoiceCurrency(line.Tax))
            .Map(dto => dto.Total, line => InInvoiceCurrency(line.Total));
        config.NewConfig<StoredLineDiscount, LineDiscountDto>()
            .Map(dto => dto.Amount, discount => InInvoiceCurrency(discount.Amount));
        return config;
    }

    private static Money InInvoiceCurrency(long minor) =>
        ModuleMapping.Money(minor, (string)MapContext.Current!.Parameters[CurrencyParameter]);
}
