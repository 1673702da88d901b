using Billing.Invoicing.Application.InvoiceGeneration;
using Billing.Invoicing.Contracts;
using Xunit;

namespace Billing.Invoicing.Tests;

/// <summary>The single and the batch form of generating invoices refuse the same malformed requests (I1).</summary>
public sealed class InvoiceRequestValidationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly GenerateInvoice Valid = new(
        "acct-1", "sub_1", "plan-a", "USD", Start, Start.AddMonths(1), 8.25m, false, [new ChargeLine(LineType.Plan, "plan-a", "Plan A", 1, 15_00)]);

    public static TheoryData<string, GenerateInvoice, string> Malformed() => new()
    {
        { "no account", Valid with { AccountCode = " " }, "AccountCode" },
        { "unknown currency", Valid with { Currency = "XXY" }, "Currency" },
        { "negative tax", Valid with { TaxRatePercent = -0.01m }, "TaxRatePercent" },
        { "tax over 100", Valid with { TaxRatePercent = 100.01m }, "TaxRatePercent" },
        { "no lines", Valid with { Lines = [] }, "Lines" },
        { "unknown line type", Valid with { Lines = [new ChargeLine((LineType)99, "g", "Gift", 1, 1_00)] }, "Lines" },
        { "zero quantity", Valid with { Lines = [new ChargeLine(LineType.Plan, "plan-a", "Plan A", 0, 15_00)] }, "Lines" },
        { "blank description", Valid with { Lines = [new ChargeLine(LineType.Plan, "plan-a", "", 1, 15_00)] }, "Lines" },
        { "period end without start", Valid with { PeriodStart = null }, "PeriodStart" },
    };

    [Fact]
    public void A_well_formed_invoice_passes_alone_and_in_a_batch()
    {
        Assert.True(new GenerateInvoiceValidator().Validate(Valid).IsValid);
        Assert.True(new GenerateInvoicesValidator().Validate(new GenerateInvoices([Valid, Valid with { TaxRatePercent = 100m, PeriodEnd = null, PeriodStart = null }])).IsValid);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_invoice_is_refused_alone_and_named_by_its_position_in_a_batch(string why, GenerateInvoice invoice, string property)
    {
        var alone = new GenerateInvoiceValidator().Validate(invoice);
        var batch = new GenerateInvoicesValidator().Validate(new GenerateInvoices([Valid, invoice, Valid]));

        Assert.False(alone.IsValid, why);
        Assert.Equal([property], alone.Errors.Select(e => e.PropertyName));
        Assert.Equal([$"invoices[1].{property}"], batch.Errors.Select(e => e.PropertyName));
        Assert.Equal(alone.Errors.Single().ErrorMessage, batch.Errors.Single().ErrorMessage);
    }
}
