using System.Text.Json;
using Billing.Coupons.Contracts;
using Billing.Invoicing.Application;
using Billing.Invoicing.Application.Building;
using Billing.Invoicing.Application.Rendering;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.TestKit;
using Xunit;

namespace Billing.Invoicing.Tests;

/// <summary>
/// I6: a gallery of invoices built by the same <see cref="InvoiceBuilder"/> as issued invoices and previews, each
/// snapshot as the plain text a person reads and as the API's JSON. Together they cover every discount kind,
/// stacking mode, currency exponent, trial, proration and one-time charges. Every amount in the verified files was
/// checked by hand; the arithmetic is written next to each case.
/// </summary>
public sealed class InvoiceGalleryTests
{
    /// <summary>The host's JSON options (Program.cs): snake_case, web defaults; indented for reading.</summary>
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    private static readonly DateTimeOffset PeriodStart = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PeriodEnd = new(2026, 12, 21, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Redeemed = new(2026, 10, 1, 9, 30, 0, TimeSpan.Zero);

    private static readonly ChargeLine SetupFee = new(LineType.SetupFee, "plan-a", "Plan A setup fee", 1, 50_00);
    private static readonly ChargeLine PlanFee = new(LineType.Plan, "plan-a", "Plan A", 1, 15_00);
    private static readonly ChargeLine ExtraSeat = new(LineType.AddOn, "extra", "Extra seats", 1, 7_00);

    private static readonly IReadOnlyDictionary<string, GalleryInvoice> Gallery = new Dictionary<string, GalleryInvoice>
    {
        // Seed 004: 10% of plan 15.00 = 1.50 and of add-on 7.00 = 0.70; never of the setup fee (I3). 72.00 - 2.20 = 69.80.
        ["01_percent_off_plan_A_never_the_setup_fee"] = new(
            Draft([SetupFee, PlanFee, ExtraSeat]),
            Discounts(Percent("SAVE10", 10, 0, "10% off for early adopters"))),

        // Seed 004: 20.00 over plan 15.00 (all of it) then add-on 7.00 (5.00 of it); the customer pays 2.00 (M3).
        ["02_fixed_amount_spread_over_plan_and_add_on"] = new(
            Draft([PlanFee, ExtraSeat]),
            Discounts(Fixed("TWENTY", 20_00, 0, "20.00 off your first month"))),

        // 100.00 off a 15.00 invoice: 15.00 is used, the other 85.00 is lost, not carried over (I3); total 0.00, never negative (M4).
        ["03_fixed_amount_larger_than_the_invoice_leaves_the_rest_lost"] = new(
            Draft([PlanFee]),
            Discounts(Fixed("HUNDRED", 100_00, 0, "100.00 off"))),

        // 55.00 starts with the setup fee: 50.00 (FREE), then 5.00 of the plan; the add-on keeps 7.00. 72.00 - 55.00 = 17.00.
        ["04_fixed_amount_discounts_the_setup_fee_first"] = new(
            Draft([SetupFee, PlanFee, ExtraSeat]),
            Discounts(Fixed("WELCOME55", 55_00, 0, "Welcome: 55.00 off your start"))),

        // Seed 002: 100% shows $20.00 FREE; the 10.00 setup fee is not discounted by a percentage (I3). Total 10.00.
        ["05_hundred_percent_renders_FREE"] = new(
            Draft([SetupFee with { UnitAmountMinor = 10_00 }, PlanFee with { UnitAmountMinor = 20_00 }]),
            Discounts(Percent("FREEMONTH", 100, 0, "Your first month is on us"))),

        // percent_first, full: plan 2 x 15.00 = 30.00: HALF 15.00, THIRTY 9.00 (30% of the full 30.00), then TENOFF 5.00 of
        // the 6.00 left; pays 1.00. Add-on 7.00: HALF 3.50, THIRTY 2.10; TENOFF is used up; pays 1.40. 37.00 - 34.60 = 2.40.
        ["06_stacked_percent_first_full"] = new(
            Draft([PlanFee with { Quantity = 2 }, ExtraSeat]),
            Discounts(
                Settings(order: StackingOrder.PercentFirst, mode: PercentMode.Full),
                Percent("HALF", 50, 0, "Half price launch"),
                Fixed("TENOFF", 5_00, 1, "5.00 off"),
                Percent("THIRTY", 30, 2, "30% partner discount"))),

        // fixed_first, compound: TENOFF 10.00 of the plan's 30.00; HALF 10.00 (50% of the 20.00 left), THIRTY 3.00 (30% of
        // the 10.00 left); pays 7.00. Add-on 7.00: TENOFF is used up; HALF 3.50, THIRTY 1.05 (30% of 3.50); pays 2.45. Total 9.45.
        ["07_stacked_fixed_first_compound"] = new(
            Draft([PlanFee with { Quantity = 2 }, ExtraSeat]),
            Discounts(
                Settings(order: StackingOrder.FixedFirst, mode: PercentMode.Compound),
                Percent("HALF", 50, 0, "Half price launch"),
                Fixed("TENOFF", 10_00, 1, "10.00 off"),
                Percent("THIRTY", 30, 2, "30% partner discount"))),

        // JPY has no decimals (M1): 15% of 1,990 = 298.5 -> 299 and of 333 = 49.95 -> 50, half away from zero (M2).
        // Tax 10% on 1,691 = 169.1 -> 169 and on 283 = 28.3 -> 28 (I4). Total 1,691 + 169 + 283 + 28 = 2,171.
        ["08_yen_has_no_minor_unit"] = new(
            Draft([PlanFee with { UnitAmountMinor = 1_990 }, ExtraSeat with { UnitAmountMinor = 333 }], currency: "JPY", taxRate: 10m),
            Discounts(Percent("OFF15", 15, 0, "15% off"))),

        // KWD has 3 decimals: 15% of 4.995 = 0.74925 -> 0.749; of 2 x 1.250 = 0.375. Then KWD 1.000 fixed (the coupon's
        // amount in this currency) on the plan's 4.246 left: pays 3.246. Add-on pays 2.125. 7.495 - 2.124 = 5.371.
        ["09_dinar_has_three_decimals"] = new(
            Draft([PlanFee with { UnitAmountMinor = 4_995 }, ExtraSeat with { Quantity = 2, UnitAmountMinor = 1_250 }], currency: "KWD"),
            Discounts(
                Settings(),
                Percent("OFF15", 15, 0, "15% off"),
                Fixed("ONEDINAR", 1_000, 1, "KWD 1.000 off"))),

        // R9: a trial invoice is discounted only by a fixed coupon, and only because it has a setup fee: 20.00 off the
        // 50.00 setup fee; the 10% coupon does not apply and is not named. Total 30.00.
        ["10_trial_with_a_setup_fee_takes_only_the_fixed_coupon"] = new(
            Draft([SetupFee, PlanFee with { Description = "Plan A (trial)", UnitAmountMinor = 0 }], trial: true),
            Discounts(
                Settings(),
                Percent("SAVE10", 10, 0, "10% off for early adopters"),
                Fixed("TWENTY", 20_00, 1, "20.00 off your start"))),

        // R9: no setup fee, so not even a fixed coupon discounts the trial invoice; total 0.00, no coupons, no note.
        ["11_trial_without_a_setup_fee_is_not_discounted"] = new(
            Draft([PlanFee with { Description = "Plan A (trial)", UnitAmountMinor = 0 }], trial: true),
            Discounts(Settings(), Percent("HALF", 50, 0, "Half price"), Fixed("TWENTY", 20_00, 1, "20.00 off"))),

        // S8: change from Plan A (15.00) to Plan B (30.00) half-way: credit -7.50 for the unused half, charge 15.00 for the
        // remaining half. Only the charge is discounted: 10% = 1.50. Tax 8.25% on -7.50 = -0.61875 -> -0.62 and on 13.50 =
        // 1.11375 -> 1.11. Total -7.50 - 0.62 + 13.50 + 1.11 = 6.49.
        ["12_proration_credit_and_charge"] = new(
            Draft(
                [
                    new(LineType.ProrationCredit, "plan-a", "Plan A, unused 15 of 30 days", 1, -7_50),
                    new(LineType.ProrationCharge, "plan-b", "Plan B, remaining 15 of 30 days", 1, 15_00),
                ],
                taxRate: 8.25m,
                period: (new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), PeriodEnd)),
            Discounts(Percent("SAVE10", 10, 0, "10% off for early adopters"))),

        // C7 on: the coupon allows one-time charges and so does the site. Plan 20% of 15.00 = 3.00; 3 x 4.99 = 14.97 SMS
        // packages: 20% = 2.994 -> 2.99. 29.97 - 5.99 = 23.98.
        ["13_one_time_charge_discounted_when_coupon_and_site_allow_it"] = new(
            Draft([PlanFee, new(LineType.OneTime, "sms-100", "100 SMS package", 3, 4_99)]),
            Discounts(Settings(oneTime: true), Percent("SMS20", 20, 0, "20% off plans and SMS", oneTime: true))),

        // C7 off: the same coupon and lines, but the site setting is off: only the plan is discounted. 29.97 - 3.00 = 26.97.
        ["14_one_time_charge_not_discounted_when_the_site_setting_is_off"] = new(
            Draft([PlanFee, new(LineType.OneTime, "sms-100", "100 SMS package", 3, 4_99)]),
            Discounts(Settings(oneTime: false), Percent("SMS20", 20, 0, "20% off plans and SMS", oneTime: true))),

        // I4 at 8.875%: 15% of 19.99 = 2.9985 -> 3.00 and of 3 x 4.99 = 14.97 -> 2.2455 -> 2.25 (M2). Tax on 16.99 =
        // 1.5078625 -> 1.51 and on 12.72 = 1.1289 -> 1.13, per line. 34.96 - 5.25 + 2.64 = 32.35.
        ["15_tax_rounded_per_line"] = new(
            Draft([PlanFee with { UnitAmountMinor = 19_99 }, ExtraSeat with { Quantity = 3, UnitAmountMinor = 4_99 }], taxRate: 8.875m),
            Discounts(Percent("OFF15", 15, 0, "15% off"))),

        // Rendering: a description longer than its column wraps; quantities above 1 show unit price and amount; two
        // coupons on each line (multiple coupons, full): plan 3 x 15.00 = 45.00 -> 4.50 + 2.25; add-on 4 x 12.50 = 50.00
        // -> 5.00 + 2.50; the note joins both invoice descriptions. 95.00 - 14.25 = 80.75.
        ["16_long_descriptions_quantities_and_two_coupons_with_notes"] = new(
            Draft(
                [
                    PlanFee with { Quantity = 3 },
                    new(LineType.AddOn, "onboarding", "Premium onboarding package with a dedicated success manager, data migration and 24/7 phone support", 4, 12_50),
                ]),
            Discounts(
                Settings(),
                Percent("SPRING10", 10, 0, "Spring sale: 10% off every plan and add-on while the blossoms last"),
                Percent("LOYAL5", 5, 1, "Loyalty reward: five percent off for customers who have been with us for more than three years"))),

        // The README's invoice: SAVE10 (percent first) takes 1.50 of the plan and 1.40 of 2 x 7.00; WELCOME55 then takes the
        // 50.00 setup fee (FREE) and 5.00 of the plan's 13.50 left. Tax 8.25% per line: 8.50 -> 0.70125 -> 0.70 and
        // 12.60 -> 1.0395 -> 1.04. 79.00 - 57.90 + 1.74 = 22.84.
        ["18_percent_and_fixed_with_tax"] = new(
            Draft([SetupFee, PlanFee, ExtraSeat with { Quantity = 2 }], taxRate: 8.25m),
            Discounts(
                Settings(),
                Percent("SAVE10", 10, 0, "10% off for early adopters"),
                Fixed("WELCOME55", 55_00, 1, "Welcome: 55.00 off your start"))),

        // P1/P2: the README's first invoice once its card was charged: paid, nothing due, the payment listed.
        ["19_paid_by_card"] = new(
            Draft([SetupFee, PlanFee, ExtraSeat]),
            Discounts(Percent("SAVE10", 10, 0, "10% off for early adopters")),
            After: invoice => invoice.RecordPayment(new InvoicePayment("card", "ch_test_gallery", invoice.Total, IssuedAt.AddMinutes(1)))),

        // P4: the same invoice after its charge was declined: past due, all of it still due.
        ["20_past_due"] = new(
            Draft([SetupFee, PlanFee, ExtraSeat]),
            Discounts(Percent("SAVE10", 10, 0, "10% off for early adopters")),
            After: invoice => invoice.FallPastDue()),

        // P5: the account's 5.00 credit (from an earlier downgrade) is applied after the coupon and the tax, as its own line:
        // 15.00 - 1.50 = 13.50, tax 10% 1.35, total 14.85; the credit takes 5.00 and 9.85 is due.
        ["21_credit_applied_after_coupon_and_tax"] = new(
            Draft([PlanFee], taxRate: 10m),
            Discounts(Percent("SAVE10", 10, 0, "10% off for early adopters")),
            After: invoice => invoice.ApplyCredit(5_00)),

        // I7: the preview of a subscription's next invoice: no number, state preview, no setup fee; same engine.
        ["17_preview_of_the_next_invoice"] = new(
            Draft([PlanFee, ExtraSeat], period: (PeriodEnd, PeriodEnd.AddMonths(1))),
            Discounts(Percent("SAVE10", 10, 0, "10% off for early adopters")),
            Invoice.Preview),
    };

    public static TheoryData<string> Invoices => [.. Gallery.Keys];

    [Theory]
    [MemberData(nameof(Invoices))]
    public void Every_gallery_invoice_renders_as_text_and_as_the_API_s_JSON_I6(string name)
    {
        var invoice = Build(name);

        Snapshot.Matches(InvoiceTextRenderer.Render(invoice), $"{name}.text");
        Snapshot.Matches(JsonSerializer.Serialize(invoice.ToDto(), ApiJson), $"{name}.json");
    }

    [Theory]
    [MemberData(nameof(Invoices))]
    public void Every_gallery_invoice_adds_up_exactly_and_no_discount_exceeds_its_line_M3_M4(string name)
    {
        var invoice = Build(name);

        Assert.All(invoice.Lines, line =>
        {
            Assert.InRange(line.Discount, 0, Math.Max(line.Amount, 0));
            Assert.Equal(line.Discount, line.Discounts.Sum(d => d.Amount));
            Assert.Equal(line.Amount - line.Discount + line.Tax, line.Total);
        });
        Assert.Equal(invoice.Subtotal - invoice.DiscountTotal + invoice.TaxTotal, invoice.Total);
        Assert.Equal(invoice.Total, invoice.Lines.Sum(l => l.Total));
    }

    [Fact]
    public void A_partial_refund_s_credit_note_references_its_invoice_and_refunds_only_the_amount_P6()
    {
        var paid = Build("19_paid_by_card");

        var note = Invoice.CreditNoteFor(paid, 20_00, 1022, toCredit: false, IssuedAt.AddDays(3));

        Snapshot.Matches(InvoiceTextRenderer.Render(note), "22_partial_refund_credit_note.text");
        Snapshot.Matches(JsonSerializer.Serialize(note.ToDto(), ApiJson), "22_partial_refund_credit_note.json");
    }

    private static Invoice Build(string name)
    {
        var gallery = Gallery[name];
        var invoice = InvoiceBuilder.Build(gallery.Draft, gallery.Discounts, IssuedAt, gallery.State).Invoice;
        invoice.Numbered(gallery.State == Invoice.Pending ? 1000 + int.Parse(name[..2], System.Globalization.CultureInfo.InvariantCulture) : 0);
        gallery.After?.Invoke(invoice);
        return invoice;
    }

    private static InvoiceDraft Draft(
        IReadOnlyList<ChargeLine> lines,
        string currency = "USD",
        decimal taxRate = 0m,
        bool trial = false,
        (DateTimeOffset Start, DateTimeOffset End)? period = null)
    {
        bool oneTimeOnly = lines.All(l => l.Type == LineType.OneTime);
        return new InvoiceDraft(
            oneTimeOnly ? InvoiceKind.OneTime : InvoiceKind.Period,
            "acme",
            oneTimeOnly ? null : "sub_gallery",
            oneTimeOnly ? null : "plan-a",
            currency,
            oneTimeOnly ? null : period?.Start ?? PeriodStart,
            oneTimeOnly ? null : period?.End ?? PeriodEnd,
            taxRate,
            trial,
            lines);
    }

    private static StackingSettings Settings(bool oneTime = false, StackingOrder order = StackingOrder.PercentFirst, PercentMode mode = PercentMode.Full) => new(oneTime, order, mode);

    private static ApplicableDiscounts Discounts(ApplicableDiscount discount) => Discounts(Settings(), discount);

    private static ApplicableDiscounts Discounts(StackingSettings settings, params ApplicableDiscount[] discounts) => new(settings, discounts);

    private static ApplicableDiscount Percent(string code, int percent, int ageDays, string description, bool oneTime = false) =>
        new($"red_{code.ToLowerInvariant()}", $"coupon_{code.ToLowerInvariant()}", code, RedemptionResource.Account, DiscountType.Percent, percent, null, oneTime, description, Redeemed.AddDays(ageDays), ageDays);

    private static ApplicableDiscount Fixed(string code, long amount, int ageDays, string description) =>
        new($"red_{code.ToLowerInvariant()}", $"coupon_{code.ToLowerInvariant()}", code, RedemptionResource.Account, DiscountType.Fixed, null, amount, false, description, Redeemed.AddDays(ageDays), ageDays);

    private sealed record GalleryInvoice(InvoiceDraft Draft, ApplicableDiscounts Discounts, string State = Invoice.Pending, Action<Invoice>? After = null);
}
