namespace Billing.IntegrationTests;

/// <summary>Builds the data of a test through the API, with codes unique to the test.</summary>
public sealed class Scenario(BillingApiFactory api)
{
    public string Suffix { get; } = Guid.NewGuid().ToString("N")[..8];

    public string Code(string name) => $"{name}-{Suffix}";

    /// <summary>Plan A of seed 004: monthly, USD plan fee 15.00, setup fee 50.00, add-on 7.00.</summary>
    public Task<System.Text.Json.JsonElement> PlanA(string? code = null) =>
        api.Admin().PostJson("/api/plans", new
        {
            code = code ?? Code("plan-a"),
            name = "Plan A",
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = 15.00m, setup_fee = 50.00m } },
            add_ons = new[] { new { code = "extra", name = "Extra seats", currencies = new[] { new { currency = "USD", unit_amount = 7.00m } } } },
        }).Created();

    public Task<System.Text.Json.JsonElement> Account(string? code = null, decimal taxRate = 0m) =>
        api.Business().PostJson("/api/accounts", new { code = code ?? Code("acct"), email = "billing@example.test", country = "US", tax_rate = taxRate }).Created();

    public Task<System.Text.Json.JsonElement> PercentCoupon(string code, int percent, int? maxRedemptions = null, string? invoiceDescription = null) =>
        api.Admin().PostJson("/api/coupons", new
        {
            code,
            name = $"{percent}% off",
            discount = new { type = "percent", percent },
            duration = new { type = "forever" },
            max_redemptions = maxRedemptions,
            invoice_description = invoiceDescription,
        }).Created();
}
