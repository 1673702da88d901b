using System.Globalization;
using Billing.Coupons.Contracts;

namespace Billing.Host.Pages.Dashboard.Coupons;

/// <summary>The create-coupon form as posted; every field is text so that the API's own validation speaks (C1–C10, C16).</summary>
internal sealed class CouponForm
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string DiscountType { get; set; } = "percent";

    public string? Percent { get; set; }

    public string? Currency1 { get; set; } = "USD";

    public string? Amount1 { get; set; }

    public string? Currency2 { get; set; }

    public string? Amount2 { get; set; }

    public string? TrialLength { get; set; }

    public string TrialUnit { get; set; } = "month";

    public string DurationType { get; set; } = "forever";

    public string? DurationAmount { get; set; }

    public string DurationUnit { get; set; } = "month";

    public string? DurationPeriods { get; set; }

    public string? MaxRedemptions { get; set; }

    public string? MaxRedemptionsPerAccount { get; set; }

    /// <summary>A browser's datetime-local value, read as UTC.</summary>
    public string? RedeemBy { get; set; }

    public bool AllPlans { get; set; } = true;

    public string? PlanCodes { get; set; }

    public bool NonPlanCharges { get; set; }

    public string RedemptionResource { get; set; } = "account";

    public string CouponType { get; set; } = "single_code";

    public string? UniqueCodeTemplate { get; set; }

    public string? HostedPageDescription { get; set; }

    public string? InvoiceDescription { get; set; }

    /// <summary>Fields that are not numbers where numbers are asked for, keyed by the API's field names.</summary>
    public Dictionary<string, string> NotNumbers { get; } = [];

    public CreateCoupon ToCommand()
    {
        var amounts = new List<CurrencyAmount>();
        AddAmount(amounts, Currency1, Amount1);
        AddAmount(amounts, Currency2, Amount2);
        var discount = new DiscountSpec(
            DiscountType,
            DiscountType == "percent" ? Int("discount.percent", Percent) : null,
            DiscountType == "fixed" ? amounts : null,
            DiscountType == "free_trial" ? new TrialSpec(TrialUnit, Int("discount.trial", TrialLength) ?? 0) : null);
        var duration = new DurationSpec(
            DurationType,
            DurationType == "temporal" ? Int("duration.amount", DurationAmount) : null,
            DurationType == "temporal" ? DurationUnit : null,
            DurationType == "billing_periods" ? Int("duration.periods", DurationPeriods) : null);
        var planCodes = (PlanCodes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new CreateCoupon(
            Code?.Trim() ?? string.Empty,
            null,
            Name?.Trim() ?? string.Empty,
            discount,
            duration,
            Int("max_redemptions", MaxRedemptions),
            Int("max_redemptions_per_account", MaxRedemptionsPerAccount),
            RedeemByInstant(),
            new AppliesToSpec(AllPlans, AllPlans ? null : planCodes, NonPlanCharges),
            RedemptionResource,
            CouponType,
            CouponType == "bulk" ? UniqueCodeTemplate : null,
            Blank(HostedPageDescription),
            Blank(InvoiceDescription),
            null);
    }

    private string? RedeemByInstant()
    {
        if (string.IsNullOrWhiteSpace(RedeemBy))
        {
            return null;
        }

        if (DateTime.TryParse(RedeemBy, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return RedeemBy;
    }

    private void AddAmount(List<CurrencyAmount> amounts, string? currency, string? amount)
    {
        if (string.IsNullOrWhiteSpace(amount))
        {
            return;
        }

        if (decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value))
        {
            amounts.Add(new CurrencyAmount(currency?.Trim().ToUpperInvariant() ?? string.Empty, value));
        }
        else
        {
            NotNumbers["discount.amounts"] = "Each amount must be a number in major units, such as 10.50.";
        }
    }

    private int? Int(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        NotNumbers[field] = $"{field} must be a whole number.";
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
