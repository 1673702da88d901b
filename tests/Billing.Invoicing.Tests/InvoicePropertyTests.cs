using Billing.Invoicing.Domain;
using Xunit;

namespace Billing.Invoicing.Tests;

/// <summary>Property-style checks over many generated invoices (M3, M4, I3, I4).</summary>
public sealed class InvoicePropertyTests
{
    private static readonly LineType[] Types = [LineType.SetupFee, LineType.Plan, LineType.AddOn, LineType.OneTime, LineType.ProrationCharge, LineType.ProrationCredit];

    [Fact]
    public void Over_five_thousand_random_invoices_discounts_never_exceed_lines_and_totals_add_up_exactly()
    {
        var random = new Random(20261121);
        for (int run = 0; run < 5_000; run++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 7)).Select(i =>
            {
                var type = Types[random.Next(Types.Length)];
                long unit = random.Next(0, 100_000) * (type == LineType.ProrationCredit ? -1 : 1);
                return new DraftLine(type, $"c{i}", $"Line {i}", random.Next(1, 5), unit);
            }).ToList();
            var coupons = Enumerable.Range(0, random.Next(0, 4)).Select(i => random.Next(2) == 0
                ? new CouponDiscount($"red_{i}", $"C{i}", true, random.Next(1, 101), 0, random.Next(2) == 0, DateTimeOffset.UnixEpoch.AddDays(random.Next(100)))
                : new CouponDiscount($"red_{i}", $"C{i}", false, 0, random.Next(1, 200_000), random.Next(2) == 0, DateTimeOffset.UnixEpoch.AddDays(random.Next(100)))).ToList();
            var policy = new StackingPolicy(random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0);
            var invoice = new Invoice { Currency = "USD", TaxRatePercent = random.Next(0, 2500) / 100m, IsTrial = random.Next(5) == 0 };

            var outcome = InvoiceCalculator.Calculate(invoice, lines, coupons, policy, new Dictionary<string, string?>());

            foreach (var line in invoice.Lines)
            {
                Assert.InRange(line.Discount, 0, Math.Max(line.Amount, 0));
                Assert.Equal(line.Discount, line.Discounts.Sum(d => d.Amount));
                Assert.Equal(line.Amount - line.Discount + line.Tax, line.Total);
            }

            Assert.Equal(invoice.Total, invoice.Lines.Sum(l => l.Total));
            Assert.Equal(invoice.Subtotal - invoice.DiscountTotal + invoice.TaxTotal, invoice.Total);
            foreach (var coupon in coupons.Where(c => !c.IsPercent))
            {
                Assert.True(outcome.DiscountBy(coupon.RedemptionId) <= coupon.FixedAmount);
            }

            if (lines.All(l => l.Amount >= 0))
            {
                Assert.True(invoice.Total >= 0, "no invoice total is negative because of a coupon (M4)");
            }
        }
    }

    [Theory]
    [InlineData(1_000, 8.25, 83)]
    [InlineData(1_000, 8.24, 82)]
    [InlineData(200, 2.5, 5)]
    [InlineData(-1_000, 8.25, -83)]
    [InlineData(12_345, 0, 0)]
    public void Tax_is_taken_per_line_and_rounded_half_away_from_zero_I4(long taxable, double rate, long expected) =>
        Assert.Equal(expected, InvoiceCalculator.TaxOf(taxable, (decimal)rate));
}
