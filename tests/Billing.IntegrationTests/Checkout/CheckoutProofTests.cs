using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// The public checkout knows nobody by a typed email (issue 18): an existing account's credit (P5), tax rate (S2) and
/// card (P3) are used or shown only to a customer who proved the account with My Account's signed checkout token (K5).
/// </summary>
public sealed class CheckoutProofTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];

    private string Code(string name) => $"{name}-{suffix}";

    [Fact]
    public async Task A_typed_email_of_an_existing_account_in_any_case_spends_and_reveals_nothing_and_is_refused_with_the_way_to_My_Account_P5()
    {
        var (email, account) = await CustomerWithCredit("victim", 25.00m);
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        var attacker = api.Browser();
        string url = $"/checkout?offering_id={Code("pro")}&email={Uri.EscapeDataString(email)}";
        int charges = api.Gateway().Charged.Count;

        string page = await (await attacker.GetAsync(url)).Html();
        string priced = await (await attacker.GetAsync($"/checkout?handler=price&offering_id={Code("pro")}&email={Uri.EscapeDataString(email)}")).Html();
        var withoutCard = await attacker.Submit(await attacker.PurchaseForm(url), email.ToUpperInvariant());
        var withCard = await attacker.Submit(await attacker.PurchaseForm(url), email, card: PaymentHttp.Succeeds);

        foreach (string html in new[] { page, priced })
        {
            Assert.DoesNotContain("credit", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("data-testid=\"tax\"", html, StringComparison.Ordinal);
            Assert.Contains("data-free=\"false\"", html, StringComparison.Ordinal);
            Assert.Matches(@"data-testid=""due"">\$20\.00<", html);
        }

        Assert.Matches(@"<button id=""buy""[^>]*>Purchase</button>", page);
        foreach (var refused in new[] { withoutCard, withCard })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            string html = await refused.Html();
            Assert.Contains("An account with this email exists. To buy with it, open this checkout from your My Account page.", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/my-account/checkout?offering_id={Code("pro")}&currency=USD\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("credit", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("data-testid=\"tax\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain(account, html, StringComparison.Ordinal);
        }

        Assert.Equal(25.00m, await CreditAsync(account));
        Assert.Equal(1, api.Count("subscriptions_subscriptions", $"AccountCode = '{account}'"));
        Assert.Equal("5126", (await api.Business().GetJson($"/api/accounts/{account}/payment-method")).GetProperty("last4").GetString());
        Assert.Equal(1, api.Count("subscriptions_accounts", $"lower(Email) = lower('{email}')"));
        Assert.Equal(charges, api.Gateway().Charged.Count);
    }

    [Fact]
    public async Task A_customer_proven_through_My_Account_sees_its_tax_and_credit_and_the_credit_pays_the_whole_first_invoice_without_a_card_P5_K3_K5()
    {
        var (email, account) = await CustomerWithCredit("covered", 25.00m);
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        var customer = api.Browser();
        int charges = api.Gateway().Charged.Count;

        string url = await api.ProvenCheckoutAsync(customer, account, $"offering_id={Code("pro")}");
        var page = await customer.GetAsync(url);
        string html = await page.Html();
        var bought = await customer.PostAsync("/checkout", new FormUrlEncodedContent(CheckoutHttp.HiddenFields(await page.Content.ReadAsStringAsync())));

        Assert.StartsWith($"/checkout?offering_id={Code("pro")}&account_token=", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoStore, "a page with the account's proof is never cached");
        Assert.Equal("no-referrer", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
        Assert.Contains($"Buying with your account <strong>{email}</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Tax (10 %): $2.00", html, StringComparison.Ordinal);
        Assert.Contains("Paid by your account's credit ($22.00): no card needed.", html, StringComparison.Ordinal);
        Assert.Matches(@"data-testid=""due"">\$0\.00<", html);
        Assert.Matches(@"<button id=""buy""[^>]*>Activate</button>", html);
        Assert.DoesNotContain("card_number", html[..html.IndexOf("<template", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"email\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, bought.StatusCode);
        string id = bought.Headers.Location!.ToString().Split('=')[1];
        Assert.Equal(account, (await api.Business().GetJson($"/api/subscriptions/{id}")).GetProperty("account_code").GetString());
        var invoice = await api.Invoice(api.Scalar($"SELECT Number FROM invoicing_invoices WHERE SubscriptionId = '{id}'"));
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        Assert.Equal(22.00m, invoice.GetProperty("credit_applied").GetDecimal());
        Assert.Equal(3.00m, await CreditAsync(account));
        Assert.Equal(charges, api.Gateway().Charged.Count);
    }

    [Fact]
    public async Task A_proven_customers_credit_pays_part_the_card_is_charged_the_rest_and_saved_for_renewals_P3_P5_K4()
    {
        var (_, account) = await CustomerWithCredit("partial", 5.00m);
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        var customer = api.Browser();
        int charges = api.Gateway().Charged.Count;

        var page = await customer.GetAsync(await api.ProvenCheckoutAsync(customer, account, $"offering_id={Code("pro")}"));
        string html = await page.Html();
        var form = CheckoutHttp.HiddenFields(await page.Content.ReadAsStringAsync());
        form["card_number"] = PaymentHttp.Succeeds;
        form["exp_month"] = "12";
        form["exp_year"] = "2040";
        form["cvc"] = "123";
        var bought = await customer.PostAsync("/checkout", new FormUrlEncodedContent(form));

        Assert.Contains("Your account's credit pays $5.00.", html, StringComparison.Ordinal);
        Assert.Matches(@"data-testid=""due"">\$17\.00<", html);
        Assert.Matches(@"<button id=""buy""[^>]*>Purchase</button>", html);
        Assert.Equal(HttpStatusCode.SeeOther, bought.StatusCode);
        string id = bought.Headers.Location!.ToString().Split('=')[1];
        var invoice = await api.Invoice(api.Scalar($"SELECT Number FROM invoicing_invoices WHERE SubscriptionId = '{id}'"));
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        Assert.Equal(5.00m, invoice.GetProperty("credit_applied").GetDecimal());
        Assert.Equal(17.00m, invoice.GetProperty("amount_paid").GetDecimal());
        Assert.Equal(charges + 1, api.Gateway().Charged.Count);
        Assert.Equal(1700, api.Gateway().Charged[^1].Amount.Minor);
        Assert.Equal(0m, await CreditAsync(account));
        Assert.Equal("4242", (await api.Business().GetJson($"/api/accounts/{account}/payment-method")).GetProperty("last4").GetString());
    }

    [Fact]
    public async Task A_forged_or_expired_checkout_token_or_a_My_Account_link_token_proves_nothing_shows_nothing_and_buys_nothing_K5()
    {
        var (_, account) = await CustomerWithCredit("forged", 25.00m);
        var (_, other) = await CustomerWithCredit("other", 25.00m);
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        var customer = api.Browser();
        string proven = await api.ProvenCheckoutAsync(customer, account, $"offering_id={Code("pro")}");
        string token = Uri.UnescapeDataString(proven[(proven.IndexOf("account_token=", StringComparison.Ordinal) + "account_token=".Length)..]);
        string[] parts = token.Split('.');
        string linkToken = (await api.Business().PostAsync($"/api/accounts/{account}/portal-links", null).Ok()).GetProperty("url").GetString()!.Split("token=")[1];
        var forged = new[]
        {
            $"{parts[0]}.{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(other))}.{parts[2]}",
            $"{long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{parts[1]}.{parts[2]}",
            linkToken,
            "not-a-token",
        };
        var form = CheckoutHttp.HiddenFields(await (await customer.GetAsync(proven)).Content.ReadAsStringAsync());

        var pages = new List<HttpResponseMessage>();
        foreach (string bad in forged)
        {
            pages.Add(await api.Browser().GetAsync($"/checkout?offering_id={Code("pro")}&account_token={Uri.EscapeDataString(bad)}"));
        }

        var posted = await customer.PostAsync("/checkout", new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["account_token"] = forged[0] }));
        var opened = await api.Browser().GetAsync($"/my-account/open?token={Uri.EscapeDataString(token)}");
        var noSession = await api.Browser().GetAsync($"/my-account/checkout?offering_id={Code("pro")}");
        await api.AdvanceClockAsync(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var expired = await api.Browser().GetAsync(proven);

        foreach (var refused in pages.Append(posted))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            string html = await refused.Html();
            Assert.Contains("This checkout link is not valid: open the checkout again from your My Account page.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("credit", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@example.test", html, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"purchase-form\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("This checkout link has expired", await expired.Html(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, noSession.StatusCode);
        Assert.Equal("/my-account/open", noSession.Headers.Location?.OriginalString);
        Assert.Equal(0, api.Count("subscriptions_subscriptions", $"AccountCode IN ('{account}', '{other}') AND PlanCode = '{Code("pro")}'"));
        Assert.Equal(25.00m, await CreditAsync(account));
        Assert.Equal(25.00m, await CreditAsync(other));
    }

    [Fact]
    public async Task Two_checkouts_of_one_new_email_at_once_make_one_account_and_the_other_is_refused_and_keeps_no_money_S2_K4()
    {
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        string email = $"race-{suffix}@example.test";
        var first = api.Browser();
        var second = api.Browser();
        var forms = await Task.WhenAll(first.PurchaseForm($"/checkout?offering_id={Code("pro")}"), second.PurchaseForm($"/checkout?offering_id={Code("pro")}"));
        int charges = api.Gateway().Charged.Count, refunds = api.Gateway().Refunded.Count;

        var answers = await Task.WhenAll(first.Submit(forms[0], email, card: PaymentHttp.Succeeds), second.Submit(forms[1], email, card: PaymentHttp.Succeeds));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.SeeOther);
        var refused = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.UnprocessableEntity);
        Assert.Contains("An account with this email exists.", await refused.Html(), StringComparison.Ordinal);
        Assert.Equal(1, api.Count("subscriptions_accounts", $"Email = '{email}'"));
        Assert.Equal(1, api.Count("subscriptions_subscriptions s JOIN subscriptions_accounts a ON a.Code = s.AccountCode", $"a.Email = '{email}'"));
        Assert.Equal(1, api.Gateway().Charged.Count - charges - (api.Gateway().Refunded.Count - refunds));
    }

    private async Task<decimal> CreditAsync(string account) =>
        (await api.Business().GetJson($"/api/accounts/{account}")).GetProperty("credit_balances").EnumerateArray()
            .Where(b => b.GetProperty("currency").GetString() == "USD")
            .Select(b => b.GetProperty("balance").GetDecimal())
            .SingleOrDefault();

    /// <summary>An account with that email, a tax rate of 10 %, its card (last four 5126) and a credit balance in USD (a refund to credit of its first invoice, P6).</summary>
    private async Task<(string Email, string Account)> CustomerWithCredit(string name, decimal credit)
    {
        string email = $"{name}-{suffix}@example.test", account = $"acct-{name}-{suffix}", plan = Code(name + "-old");
        await api.CheckoutPlan(plan, ("USD", 30.00m));
        await api.Business().PostJson("/api/accounts", new { code = account, email, country = "US", tax_rate = 10m }).Created();
        await api.PutCard(account, PaymentHttp.RefundFailsOnce).Ok();
        JsonElement subscription = await api.SubscribeAsync(account, plan);
        await api.Admin().PostJson($"/api/invoices/{subscription.InvoiceNumber()}/refund", new { amount = credit, to = "credit" }).Ok();
        return (email, account);
    }
}
