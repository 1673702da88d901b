using BenchmarkDotNet.Attributes;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;

namespace Billing.Benchmarks;

/// <summary>
/// Issue 7 (4): the discount engine on a 5-line invoice with 2 coupons (a percentage and a fixed amount, both
/// eligible for the one-time charge). Target: at most 2 µs and 1 KB allocated per invoice.
/// </summary>
[MemoryDiagnoser]
public class DiscountEngineBenchmark
{
    private static readonly DateTimeOffset Redeemed = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly DraftLine[] lines =
    [
        new(LineType.SetupFee, "plan-a", "Plan A setup fee", 1, 50_00),
        new(LineType.Plan, "plan-a", "Plan A", 3, 15_00),
        new(LineType.AddOn, "seat", "Extra seats", 2, 7_00),
        new(LineType.AddOn, "storage", "Storage", 1, 3_50),
        new(LineType.OneTime, "sms-100", "100 SMS", 1, 10_00),
    ];

    private readonly CouponDiscount[] coupons =
    [
        new("red_percent", "SAVE10", true, 10, 0, true, Redeemed, 1),
        new("red_fixed", "WELCOME20", false, 0, 20_00, true, Redeemed.AddDays(1), 2),
    ];

    private readonly StackingPolicy policy = new(OneTimeChargesDiscountable: true, FixedFirst: false, CompoundPercent: false);

    [Benchmark]
    public int FiveLinesTwoCoupons() => DiscountEngine.Apply(lines, coupons, policy, isTrial: false).Discounts.Count;
}
