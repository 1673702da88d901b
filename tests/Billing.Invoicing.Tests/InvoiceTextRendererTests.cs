using Billing.Invoicing.Application.Rendering;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.TestKit;
using Xunit;

namespace Billing.Invoicing.Tests;

public sealed class InvoiceTextRendererTests
{
    private static Invoice Render(string currency, decimal taxRate, IReadOnlyList<DraftLine> lines, IReadOnlyList<CouponDiscount> coupons, bool trial = false)
    {
        var invoice = new Invoice
        {
            Number = 1042,
            Kind = InvoiceKind.Period,
            AccountCode = "acme",
            SubscriptionId = "sub_test",
            PlanCode = "plan-a",
            Currency = currency,
            IsTrial = trial,
            PeriodStart = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero),
            PeriodEnd = new DateTimeOffset(2026, 12, 21, 0, 0, 0, TimeSpan.Zero),
            CreatedAt = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero),
            TaxRatePercent = taxRate,
        };
        InvoiceCalculator.Calculate(invoice, lines, coupons, StackingPolicy.Default, coupons.ToDictionary(c => c.RedemptionId, c => (string?)$"{c.CouponCode} for early adopters"));
        return invoice;
    }

    [Fact]
    public void Plan_A_with_ten_percent_off_renders_list_then_paid_prices_I6()
    {
        var invoice = Render(
            "USD",
            0m,
            [new(LineType.SetupFee, "plan-a", "Plan A setup fee", 1, 50_00), new(LineType.Plan, "plan-a", "Plan A", 1, 15_00), new(LineType.AddOn, "extra", "Extra seats", 1, 7_00)],
            [new("red_1", "SAVE10", true, 10, 0, false, DateTimeOffset.UnixEpoch, 0)]);

        Assert.Equal(69_80, invoice.Total);
        Snapshot.Matches(InvoiceTextRenderer.Render(invoice));
    }

    [Fact]
    public void A_fully_discounted_line_renders_as_FREE_with_tax_on_the_rest_I6()
    {
        var invoice = Render(
            "USD",
            8.25m,
            [new(LineType.Plan, "plan-a", "Plan A", 2, 10_00), new(LineType.AddOn, "extra", "Extra seats", 1, 7_00)],
            [new("red_1", "FREEPLAN", false, 0, 20_00, false, DateTimeOffset.UnixEpoch, 0)]);

        Snapshot.Matches(InvoiceTextRenderer.Render(invoice));
    }

    [Fact]
    public void Yen_and_dinar_invoices_render_with_their_own_decimals_M1()
    {
        var yen = Render("JPY", 10m, [new(LineType.Plan, "plan-a", "Plan A", 1, 1_980)], [new("red_1", "OFF15", true, 15, 0, false, DateTimeOffset.UnixEpoch, 0)]);
        var dinar = Render("KWD", 0m, [new(LineType.Plan, "plan-a", "Plan A", 1, 4_995)], [new("red_1", "OFF15", true, 15, 0, false, DateTimeOffset.UnixEpoch, 0)]);

        Snapshot.Matches(InvoiceTextRenderer.Render(yen) + "\n" + InvoiceTextRenderer.Render(dinar));
    }

    [Fact]
    public void A_long_description_wraps_indented_under_the_description_column_and_never_back_to_column_0_I6()
    {
        var invoice = Render(
            "USD",
            0m,
            [
                new(LineType.Plan, "plan-a", "Plan A", 1, 15_00),
                new(LineType.OneTime, "onboarding", "Premium onboarding package with a dedicated success manager, data migration and 24/7 phone support", 1, 120_00),
                new(LineType.AddOn, "extra", "Supercalifragilisticexpialidocious-seats-for-the-whole-team", 2, 7_00),
            ],
            [new("red_1", "SAVE10", true, 10, 0, false, DateTimeOffset.UnixEpoch, 0)]);

        string text = InvoiceTextRenderer.Render(invoice);

        string[] rows = text.Split('\n');
        int header = Array.FindIndex(rows, r => r.StartsWith("Description", StringComparison.Ordinal));
        int footer = Array.FindLastIndex(rows, r => r.StartsWith("-----", StringComparison.Ordinal));
        Assert.All(rows[(header + 2)..footer], row => Assert.True(
            row.StartsWith("  ", StringComparison.Ordinal) || row.StartsWith("Plan A", StringComparison.Ordinal)
                || row.StartsWith("One-time: ", StringComparison.Ordinal) || row.StartsWith("Supercal", StringComparison.Ordinal),
            $"'{row}' starts a new line at column 0"));
        Snapshot.Matches(text);
    }
}
