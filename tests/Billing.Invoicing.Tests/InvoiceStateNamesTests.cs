using System.Reflection;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.SharedKernel;
using Xunit;

namespace Billing.Invoicing.Tests;

/// <summary>
/// P1, issue 22 item 4: the invoice keeps its state as the string it stores (constants, so that its rules can match
/// them in patterns, plus I7's <c>preview</c>), and Contracts name the same states as <see cref="InvoiceState"/>: both
/// lists must stay one list.
/// </summary>
public sealed class InvoiceStateNamesTests
{
    [Fact]
    public void Every_stored_invoice_state_but_preview_is_an_InvoiceState_of_the_contracts_and_back()
    {
        var stored = typeof(Invoice).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(state => state != Invoice.Preview)
            .Order(StringComparer.Ordinal);

        Assert.Equal(Wire<InvoiceState>.All.Order(StringComparer.Ordinal), stored);
    }
}
