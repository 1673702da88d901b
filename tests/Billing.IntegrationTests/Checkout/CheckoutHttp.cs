using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>The public checkout (K1–K4) as a browser without script uses it: GET the page, POST its purchase form.</summary>
internal static partial class CheckoutHttp
{
    /// <summary>A client that keeps cookies (antiforgery) and shows redirects instead of following them.</summary>
    public static HttpClient Browser(this WebApplicationFactory<Program> api) =>
        api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A monthly plan with one price per currency (no setup fee).</summary>
    public static Task CheckoutPlan(this BillingApiFactory api, string code, params (string Currency, decimal Amount)[] prices) =>
        api.Admin().PostJson("/api/plans", new
        {
            code,
            name = "Pro " + code,
            interval = new { length = 1, unit = "month" },
            currencies = prices.Select(p => new { currency = p.Currency, unit_amount = p.Amount, setup_fee = 0m }).ToArray(),
        }).Created();

    public static Task PercentCoupon(this BillingApiFactory api, string code, int percent, string? hostedPageDescription = null) =>
        api.Admin().PostJson("/api/coupons", new
        {
            code,
            name = $"{percent}% off",
            discount = new { type = "percent", percent },
            duration = new { type = "forever" },
            hosted_page_description = hostedPageDescription,
        }).Created();

    public static async Task<string> Html(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>The page's purchase form: its hidden fields (antiforgery token and checkout key included).</summary>
    public static async Task<Dictionary<string, string>> PurchaseForm(this HttpClient browser, string url)
    {
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return HiddenFields(await page.Content.ReadAsStringAsync());
    }

    /// <summary>Opens the account's My Account link in <paramref name="customer"/>, then asks My Account for the checkout: its signed address (K5).</summary>
    public static async Task<string> ProvenCheckoutAsync(this BillingApiFactory api, HttpClient customer, string account, string query)
    {
        string link = (await api.Business().PostAsync($"/api/accounts/{account}/portal-links", null).Ok()).GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.Redirect, (await customer.GetAsync(link)).StatusCode);
        var sent = await customer.GetAsync($"/my-account/checkout?{query}");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return sent.Headers.Location!.OriginalString;
    }

    /// <summary>The hidden fields of a checkout page's purchase form, as its HTML shows them.</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        string form = html[html.IndexOf("id=\"purchase-form\"", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        return HiddenField().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    public static Task<HttpResponseMessage> Submit(this HttpClient browser, Dictionary<string, string> form, string email, string country = "US", string? card = null)
    {
        var fields = new Dictionary<string, string>(form) { ["email"] = email, ["country"] = country };
        if (card is not null)
        {
            fields["card_number"] = card;
            fields["exp_month"] = "12";
            fields["exp_year"] = "2040";
            fields["cvc"] = "9731";
        }

        return browser.PostAsync("/checkout", new FormUrlEncodedContent(fields));
    }

    public static long Count(this BillingApiFactory api, string table, string where = "1 = 1") => api.Scalar($"SELECT COUNT(*) FROM {table} WHERE {where}");

    [GeneratedRegex("<input (?=[^>]*type=\"hidden\")(?=[^>]*name=\"(?<name>[^\"]+)\")(?=[^>]*value=\"(?<value>[^\"]*)\")[^>]*>")]
    private static partial Regex HiddenField();
}
