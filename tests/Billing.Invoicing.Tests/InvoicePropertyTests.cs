using Billing.Invoicing.Application;
using Billing.Invoicing.Contracts;
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
            var lines = RandomLines(random);
            var coupons = Enumerable.Range(0, random.Next(0, 4)).Select(i => random.Next(2) == 0
                ? new CouponDiscount($"red_{i}", $"C{i}", true, random.Next(1, 101), 0, random.Next(2) == 0, DateTimeOffset.UnixEpoch.AddDays(random.Next(100)), i)
                : new CouponDiscount($"red_{i}", $"C{i}", false, 0, random.Next(1, 200_000), random.Next(2) == 0, DateTimeOffset.UnixEpoch.AddDays(random.Next(100)), i)).ToList();
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

    [Fact]
    public void Over_thousands_of_random_invoices_a_lone_fixed_coupon_takes_exactly_the_smaller_of_its_amount_and_what_is_eligible_M3_I3()
    {
        var random = new Random(5);
        for (int run = 0; run < 3_000; run++)
        {
            var lines = RandomLines(random);
            var coupon = new CouponDiscount("red_f", "F", false, 0, random.Next(1, 300_000), random.Next(2) == 0, DateTimeOffset.UnixEpoch, 0);
            var policy = new StackingPolicy(random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0);
            long eligible = lines
                .Where(l => l.IsSubscriptionCharge || (l.Type == LineType.OneTime && coupon.AppliesToOneTimeCharges && policy.OneTimeChargesDiscountable))
                .Sum(l => Math.Max(l.Amount, 0));

            var outcome = DiscountEngine.Apply(lines, [coupon], policy, isTrial: false);

            Assert.Equal(Math.Min(coupon.FixedAmount, eligible), outcome.DiscountBy("red_f"));
        }
    }

    [Fact]
    public void Over_thousands_of_random_invoices_a_lone_percentage_is_the_rounded_percentage_of_each_eligible_line_never_a_setup_fee_M2()
    {
        var random = new Random(7);
        for (int run = 0; run < 3_000; run++)
        {
            var lines = RandomLines(random);
            int percent = random.Next(1, 101);

            var outcome = DiscountEngine.Apply(lines, [new CouponDiscount("red_p", "P", true, percent, 0, false, DateTimeOffset.UnixEpoch, 0)], StackingPolicy.Default, isTrial: false);

            for (int i = 0; i < lines.Count; i++)
            {
                bool eligible = lines[i].Type is LineType.Plan or LineType.AddOn or LineType.ProrationCharge;
                long expected = eligible ? (long)Math.Round(lines[i].Amount * percent / 100m, 0, MidpointRounding.AwayFromZero) : 0;
                Assert.Equal(expected, outcome.DiscountOf(i));
            }
        }
    }

    [Theory]
    [InlineData("JPY")]
    [InlineData("USD")]
    [InlineData("KWD")]
    public void In_the_API_s_major_units_the_lines_still_add_up_exactly_to_the_totals_for_0_2_and_3_decimals_M1(string currency)
    {
        var random = new Random(11);
        for (int run = 0; run < 1_000; run++)
        {
            var invoice = new Invoice { Currency = currency, TaxRatePercent = random.Next(0, 2500) / 100m };
            var coupons = new[]
            {
                new CouponDiscount("red_p", "P", true, random.Next(1, 101), 0, true, DateTimeOffset.UnixEpoch, 0),
                new CouponDiscount("red_f", "F", false, 0, random.Next(1, 100_000), true, DateTimeOffset.UnixEpoch.AddDays(1), 1),
            };
            InvoiceCalculator.Calculate(invoice, RandomLines(random), coupons, new StackingPolicy(true, random.Next(2) == 0, random.Next(2) == 0), new Dictionary<string, string?>());

            var dto = invoice.ToDto();

            Assert.Equal(dto.Total, dto.Lines.Sum(l => l.Total));
            Assert.Equal(dto.Subtotal - dto.DiscountTotal + dto.TaxTotal, dto.Total);
            Assert.All(dto.Lines, l => Assert.Equal(l.Discount, l.Discounts.Sum(d => d.Amount)));
        }
    }

    private static List<DraftLine> RandomLines(Random random) =>
        Enumerable.Range(0, random.Next(1, 7)).Select(i =>
        {
            var type = Types[random.Next(Types.Length)];
            long unit = random.Next(0, 100_000) * (type == LineType.ProrationCredit ? -1 : 1);
            return new DraftLine(type, $"c{i}", $"Line {i}", random.Next(1, 5), unit);
        }).ToList();
}
