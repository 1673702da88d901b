using Billing.SharedKernel;

namespace Billing.Invoicing.Domain;

/// <summary>Turns priced lines and coupons into an invoice's lines and totals: discounts (I3), then tax (I4).</summary>
internal static class InvoiceCalculator
{
    /// <summary>I4: tax on (amount − discount) at the account's rate, rounded half away from zero per line.</summary>
    public static long TaxOf(long taxableMinor, decimal ratePercent) =>
        (long)Math.Round(taxableMinor * ratePercent / 100m, 0, MidpointRounding.AwayFromZero);

    public static DiscountOutcome Calculate(
        Invoice invoice,
        IReadOnlyList<DraftLine> lines,
        IReadOnlyList<CouponDiscount> coupons,
        StackingPolicy policy,
        IReadOnlyDictionary<string, string?> invoiceDescriptions)
    {
        var outcome = DiscountEngine.Apply(lines, coupons, policy, invoice.IsTrial);
        var itemized = lines.Select((line, index) =>
        {
            long discount = outcome.DiscountOf(index);
            long tax = TaxOf(line.Amount - discount, invoice.TaxRatePercent);
            return new InvoiceLine
            {
                Position = index + 1,
                Type = line.Type,
                Code = line.Code,
                Description = line.Description,
                Quantity = line.Quantity,
                UnitAmount = line.UnitAmount,
                Amount = line.Amount,
                Discount = discount,
                Tax = tax,
                Total = line.Amount - discount + tax,
                Discounts = outcome.Discounts.Where(d => d.LineIndex == index)
                    .Select(d => new StoredLineDiscount(d.CouponCode, d.RedemptionId, d.Amount))
                    .ToList(),
            };
        }).ToList();
        var discounting = outcome.Applied.Where(c => outcome.DiscountBy(c.RedemptionId) > 0).ToList();
        var notes = discounting
            .Select(c => invoiceDescriptions.GetValueOrDefault(c.RedemptionId))
            .Where(d => !string.IsNullOrWhiteSpace(d))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        invoice.Itemize(
            itemized,
            discounting.Select(c => c.CouponCode).Distinct(StringComparer.Ordinal).ToList(),
            notes.Count == 0 ? null : "Discounts applied: " + string.Join("; ", notes));
        return outcome;
    }

    public static Money MoneyOf(long minor, string currency) => new(minor, Currency.Of(currency));
}
