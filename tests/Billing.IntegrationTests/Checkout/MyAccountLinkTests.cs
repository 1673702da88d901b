using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// K5 (issue 24): the signed, expiring links that open one account's My Account page, and the session they open:
/// scoped to that account, refused when expired or tampered, never a key to the API or the dashboard.
/// </summary>
public sealed partial class MyAccountLinkTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task A_portal_link_opens_the_accounts_page_for_one_hour_by_default_K5()
    {
        var (_, account, _) = await api.ShopAsync();
        var now = await api.NowAsync();

        var link = await api.Business().PostAsync($"/api/accounts/{account}/portal-links", null).Ok();

        Assert.Equal(account, link.GetProperty("account_code").GetString());
        Assert.StartsWith("http://localhost/my-account/open?token=", link.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.InRange(link.GetProperty("expires_at").GetDateTimeOffset() - now, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        var customer = Customer();
        var opened = await customer.GetAsync(link.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/my-account", opened.Headers.Location?.OriginalString);
        string cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"), c => c.StartsWith("billing.my-account=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/my-account", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase); // a session cookie
        var page = await customer.GetAsync("/my-account");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"data-account=\"{account}\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoStore, "the page of an account is never cached");
    }

    [Fact]
    public async Task A_link_for_an_unknown_account_is_refused_with_account_not_found()
    {
        var response = await api.Business().PostAsync("/api/accounts/nobody-here/portal-links", null);

        await response.ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_opens_no_session_K5()
    {
        var (_, account, _) = await api.ShopAsync();
        string url = await LinkAsync(account);
        await api.AdvanceClockAsync(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var customer = Customer();

        var opened = await customer.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, opened.StatusCode);
        Assert.Contains("This link has expired", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(opened.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("billing.my-account=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await customer.GetAsync("/my-account")).StatusCode);
    }

    [Fact]
    public async Task A_tampered_link_is_refused_whether_its_account_expiry_or_signature_was_changed_K5()
    {
        var (scenario, account, _) = await api.ShopAsync();
        string other = scenario.Code("other");
        await scenario.Account(other);
        string token = Token(await LinkAsync(account));
        string[] parts = token.Split('.');
        string otherAccount = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(other));
        long later = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) + 86_400;
        string[] tampered =
        [
            $"{parts[0]}.{otherAccount}.{parts[2]}",
            $"{later}.{parts[1]}.{parts[2]}",
            $"{parts[0]}.{parts[1]}.{Flip(parts[2])}",
            $"{parts[0]}.{parts[1]}",
            "not-a-token",
        ];

        foreach (string forged in tampered)
        {
            var customer = Customer();
            var opened = await customer.GetAsync($"/my-account/open?token={Uri.EscapeDataString(forged)}");
            Assert.True(opened.StatusCode == HttpStatusCode.Unauthorized, $"{forged} answered {(int)opened.StatusCode}");
            Assert.Contains("This link is not valid", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await customer.GetAsync("/my-account")).StatusCode);
        }
    }

    [Fact]
    public async Task A_session_shows_only_its_account_and_cannot_reach_another_accounts_invoice_or_subscription_K5()
    {
        var (scenario, mine, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        string theirs = scenario.Code("theirs");
        await scenario.Account(theirs);
        await api.PutCard(theirs, PaymentHttp.Succeeds).Ok();
        var my = await api.SubscribeAsync(mine, plan);
        var their = await api.SubscribeAsync(theirs, plan, new { account_code = theirs, plan_code = plan, currency = "USD" });
        var customer = await SignedInAsync(mine);

        string page = await customer.GetStringAsync("/my-account");
        var theirInvoice = await customer.GetAsync($"/my-account/invoices/{their.InvoiceNumber()}");
        var myInvoice = await customer.GetAsync($"/my-account/invoices/{my.InvoiceNumber()}");
        var cancelTheirs = await PostFormAsync(customer, "Cancel", new() { ["subscriptionId"] = their.GetProperty("id").GetString()! });

        Assert.Contains(my.GetProperty("id").GetString()!, page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, page, StringComparison.Ordinal);
        Assert.DoesNotContain(their.GetProperty("id").GetString()!, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, theirInvoice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, myInvoice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelTheirs.StatusCode);
        Assert.DoesNotContain(theirs, await cancelTheirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("active", (await api.Business().GetJson($"/api/subscriptions/{their.GetProperty("id").GetString()}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_session_cookie_never_opens_the_api_the_dashboard_or_hangfire_K5()
    {
        var (_, account, _) = await api.ShopAsync();
        var customer = Customer();
        var opened = await customer.GetAsync(await LinkAsync(account));
        string cookie = opened.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("billing.my-account=", StringComparison.Ordinal)).Split(';')[0];
        using var anywhere = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        foreach (string path in new[] { $"/api/accounts/{account}", "/api/coupons", "/dashboard/accounts", "/hangfire" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            var response = await anywhere.SendAsync(request);
            Assert.True(
                response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect,
                $"{path} answered {(int)response.StatusCode} to the My Account cookie");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Contains("/dashboard/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        string id = (await api.SubscribeAsync(account, plan)).GetProperty("id").GetString()!;
        var customer = await SignedInAsync(account);

        var response = await customer.PostAsync("/my-account?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["subscriptionId"] = id }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("active", (await api.Business().GetJson($"/api/subscriptions/{id}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Cancel_at_period_end_is_undone_before_the_period_ends_and_refused_after_it_S9()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        var subscription = await api.SubscribeAsync(account, plan);
        string id = subscription.GetProperty("id").GetString()!;
        var customer = await SignedInAsync(account);

        var canceled = await PostFormAsync(customer, "Cancel", new() { ["subscriptionId"] = id });
        Assert.Equal(HttpStatusCode.Redirect, canceled.StatusCode);
        Assert.Equal("canceled", (await api.Business().GetJson($"/api/subscriptions/{id}")).GetProperty("state").GetString());
        var reactivated = await PostFormAsync(customer, "Reactivate", new() { ["subscriptionId"] = id });
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        var active = await api.Business().GetJson($"/api/subscriptions/{id}");
        Assert.Equal("active", active.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, active.GetProperty("expires_at").ValueKind);

        await PostFormAsync(customer, "Cancel", new() { ["subscriptionId"] = id });
        await api.Admin().PostJson("/api/test-clock", new { now = subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1) }).Ok();
        var late = await SignedInAsync(account);
        var refused = await PostFormAsync(late, "Reactivate", new() { ["subscriptionId"] = id });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("data-refusal=\"subscription_period_ended\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("canceled", (await api.Business().GetJson($"/api/subscriptions/{id}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_link_lifetime_is_configurable()
    {
        using var shortLived = new BillingApiFactory();
        shortLived.Settings["Billing:MyAccount:LinkLifetime"] = "00:05:00";
        var (_, account, _) = await shortLived.ShopAsync();
        var now = await shortLived.NowAsync();

        var link = await shortLived.Business().PostAsync($"/api/accounts/{account}/portal-links", null).Ok();

        Assert.InRange(link.GetProperty("expires_at").GetDateTimeOffset() - now, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
    }

    [Fact]
    public async Task Unknown_codes_redeemed_on_the_page_count_against_the_code_guessing_limit()
    {
        using var limited = new BillingApiFactory();
        limited.Settings["Billing:Limits:CouponGuessesPerMinute"] = "2";
        var (_, account, plan) = await limited.ShopAsync(PaymentHttp.Succeeds);
        string id = (await limited.SubscribeAsync(account, plan)).GetProperty("id").GetString()!;
        var customer = await SignedInAsync(account, limited);

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 3; i++)
        {
            statuses.Add((await PostFormAsync(customer, "Redeem", new() { ["couponCode"] = $"GUESS{i}", ["subscriptionId"] = id })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    private HttpClient Customer(BillingApiFactory? host = null) =>
        (host ?? api).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<string> LinkAsync(string account, BillingApiFactory? host = null) =>
        (await (host ?? api).Business().PostAsync($"/api/accounts/{account}/portal-links", null).Ok()).GetProperty("url").GetString()!;

    private async Task<HttpClient> SignedInAsync(string account, BillingApiFactory? host = null)
    {
        var customer = Customer(host);
        var opened = await customer.GetAsync(await LinkAsync(account, host));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return customer;
    }

    /// <summary>Posts one of the page's forms as the browser would: with the antiforgery token of a page it just loaded.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient customer, string handler, Dictionary<string, string> fields)
    {
        string page = await customer.GetStringAsync("/my-account");
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value;
        return await customer.PostAsync($"/my-account?handler={handler}", new FormUrlEncodedContent(fields));
    }

    private static string Token(string url) => QueryHelpers.ParseQuery(new Uri(url).Query)["token"].ToString();

    private static string Flip(string signature) => (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
