using Billing.Invoicing.Application;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.TestKit;
using Xunit;

namespace Billing.Invoicing.Tests;

public sealed class InvoicingMappingTests
{
    [Fact]
    public void The_invoicing_mapping_compiles_with_every_DTO_member_mapped() =>
        MappingAssert.CompilesWithEveryDtoMemberMapped(InvoicingMappingConfig.Create());

    [Fact]
    public void A_DTO_member_nothing_maps_fails_the_invoicing_mapping() =>
        MappingAssert.RefusesADtoMemberNothingMaps<Invoice>(InvoicingMappingConfig.Create());

    [Fact]
    public void An_invoice_shows_every_amount_in_major_units_of_its_currency_and_its_lines_in_order_M1()
    {
        var invoice = new Invoice
        {
            Number = 7,
            AccountCode = "acme",
            Currency = "JPY",
            Subtotal = 1000,
            DiscountTotal = 100,
            TaxTotal = 90,
            Total = 990,
            Lines =
            [
                new InvoiceLine { Position = 1, Type = LineType.AddOn, Code = "seat", Quantity = 1, UnitAmount = 200, Amount = 200, Total = 200 },
                new InvoiceLine
                {
                    Position = 0,
                    Type = LineType.Plan,
                    Code = "gold",
                    Quantity = 2,
                    UnitAmount = 400,
                    Amount = 800,
                    Discount = 100,
                    Tax = 90,
                    Total = 790,
                    Discounts = [new StoredLineDiscount("SAVE", "r1", 100)],
                },
            ],
        };

        var dto = invoice.ToDto();

        Assert.Equal((7L, "acme", 1000m, 100m, 90m, 990m), (dto.Number!.Value, dto.AccountCode!, dto.Subtotal, dto.DiscountTotal, dto.TaxTotal, dto.Total));
        Assert.Equal(["gold", "seat"], dto.Lines.Select(line => line.Code));
        Assert.Equal(new InvoiceLineDto("plan", "gold", string.Empty, 2, 400m, 800m, 100m, 90m, 790m, dto.Lines[0].Discounts), dto.Lines[0]);
        Assert.Equal([new LineDiscountDto("SAVE", "r1", 100m)], dto.Lines[0].Discounts);
    }

    [Fact]
    public void A_preview_has_no_number_and_a_purchase_without_an_account_no_account_code_I7()
    {
        var preview = new Invoice { Number = 0, AccountCode = string.Empty, Currency = "USD", State = Invoice.Preview, Total = 1999 };

        var dto = preview.ToDto();

        Assert.Null(dto.Number);
        Assert.Null(dto.AccountCode);
        Assert.Equal(19.99m, dto.Total);
    }
}
