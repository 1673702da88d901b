using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// The checkout of a one-time package (issue 18; K1–K4, S1, S7, C7): priced as its one-time invoice by the preview engine
/// (I7), a coupon applied only when it can discount a one-time charge and the site allows it, bought as a one-time
/// charge (no subscription) that lands on the onboarding page with its invoice's number.
/// </summary>
public sealed class CheckoutPackageTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];

    private string Code(string name) => $"{name}-{suffix}";

    [Fact]
    public async Task A_package_shows_its_price_and_the_success_card_buys_one_paid_one_time_invoice_and_no_subscription_K1_K4_S7()
    {
        await Package(Code("sms"), 10.00m);
        var browser = api.Browser();
        string url = $"/checkout?offering_id={Code("sms")}";
        long subscriptions = api.Count("subscriptions_subscriptions");

        var page = await browser.GetAsync(url);
        string html = await page.Html();
        var bought = await browser.Submit(CheckoutHttp.HiddenFields(html), $"sms-{suffix}@example.test", card: PaymentHttp.Succeeds);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("100 SMS " + suffix, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"one-time\"", html, StringComparison.Ordinal);
        Assert.Matches(@"<strong class=""paid"">\$10\.00</strong>", html);
        Assert.Contains("id=\"card-fields\"", html, StringComparison.Ordinal);
        Assert.Matches(@"<button id=""buy""[^>]*>Purchase</button>", html);
        var invoice = await InvoiceOf(bought);
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        Assert.Equal(10.00m, invoice.GetProperty("amount_paid").GetDecimal());
        Assert.Equal(JsonValueKind.Null, invoice.GetProperty("subscription_id").ValueKind);
        Assert.Equal("one_time", invoice.GetProperty("lines")[0].GetProperty("type").GetString());
        Assert.Equal(subscriptions, api.Count("subscriptions_subscriptions"));
        string account = invoice.GetProperty("account_code").GetString()!;
        Assert.Equal(1, api.Count("invoicing_invoices", $"AccountCode = '{account}'"));
        Assert.Equal("4242", (await api.Business().GetJson($"/api/accounts/{account}/payment-method")).GetProperty("last4").GetString());
        await api.DeliverEventsAsync();
        Assert.Single(await api.Transactions(invoice.GetProperty("number").GetInt64()));
        string done = await (await browser.GetAsync(bought.Headers.Location!.ToString())).Html();
        Assert.Contains($"data-testid=\"invoice-number\">{invoice.GetProperty("number").GetInt64()}<", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coupon_for_one_time_charges_discounts_the_package_when_the_site_allows_it_and_its_invoice_carries_the_discount_line_C7_R6()
    {
        await Package(Code("sms"), 10.00m);
        await Coupon(new { code = Code("SMS20"), name = "sms off", discount = new { type = "percent", percent = 20 }, applies_to = new { all_plans = true, non_plan_charges = true } });
        var browser = api.Browser();
        string url = $"/checkout?offering_id={Code("sms")}&coupon_code={Code("SMS20")}";

        await OneTimeChargesDiscountable(true);
        string html;
        HttpResponseMessage bought;
        try
        {
            html = await (await browser.GetAsync(url)).Html();
            bought = await browser.Submit(CheckoutHttp.HiddenFields(html), $"sms20-{suffix}@example.test", card: PaymentHttp.Succeeds);
        }
        finally
        {
            await OneTimeChargesDiscountable(false);
        }

        Assert.Matches(@"<s class=""list"">\$10\.00</s>\s*<strong class=""paid"">\$8\.00</strong>", html);
        var invoice = await InvoiceOf(bought);
        Assert.Equal(8.00m, invoice.GetProperty("total").GetDecimal());
        Assert.Equal(8.00m, invoice.GetProperty("amount_paid").GetDecimal());
        var discount = Assert.Single(invoice.GetProperty("lines")[0].GetProperty("discounts").EnumerateArray());
        Assert.Equal(2.00m, discount.GetProperty("amount").GetDecimal());
        string account = invoice.GetProperty("account_code").GetString()!;
        Assert.Equal(1, api.Count("coupons_redemptions", $"AccountCode = '{account}'"));
    }

    [Theory]
    [InlineData("setting_off", false, "this site does not discount one-time charges")]
    [InlineData("subscription_level", true, "it is redeemed on a subscription (C8)")]
    [InlineData("free_trial", true, "a free trial discounts no one-time charge")]
    [InlineData("plan_charges_only", true, "it applies to plan charges only (C7)")]
    public async Task A_coupon_that_cannot_discount_a_package_is_refused_with_why_and_the_list_price_and_nothing_is_written_K2_C7_C8(
        string kind, bool siteAllows, string why)
    {
        string package = Code("sms") + kind, code = Code("NOPE") + kind;
        await Package(package, 10.00m);
        await Coupon(kind switch
        {
            "subscription_level" => new { code, name = "sub", discount = new { type = "percent", percent = 20 }, applies_to = new { all_plans = true, non_plan_charges = true }, redemption_resource = "subscription" },
            "free_trial" => new { code, name = "trial", discount = new { type = "free_trial", trial = new { unit = "month", length = 1 } }, applies_to = new { all_plans = true, non_plan_charges = true } },
            "plan_charges_only" => (object)new { code, name = "plans", discount = new { type = "percent", percent = 20 } },
            _ => new { code, name = "sms off", discount = new { type = "percent", percent = 20 }, applies_to = new { all_plans = true, non_plan_charges = true } },
        });
        long redemptions = api.Count("coupons_redemptions"), invoices = api.Count("invoicing_invoices"), accounts = api.Count("subscriptions_accounts");

        await OneTimeChargesDiscountable(siteAllows);
        string html;
        try
        {
            html = await (await api.Browser().GetAsync($"/checkout?offering_id={package}&coupon_code={code}")).Html();
        }
        finally
        {
            await OneTimeChargesDiscountable(false);
        }

        Assert.Contains($"Coupon '{code}' does not apply to the one-time package '{package}': {why}", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"coupon-refused\"", html, StringComparison.Ordinal);
        Assert.Matches(@"<strong class=""paid"">\$10\.00</strong>", html);
        Assert.DoesNotContain("<s class=\"list\">", html, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(CheckoutHttp.HiddenFields(html).GetValueOrDefault("coupon_code")));
        Assert.Equal(redemptions, api.Count("coupons_redemptions"));
        Assert.Equal(invoices, api.Count("invoicing_invoices"));
        Assert.Equal(accounts, api.Count("subscriptions_accounts"));
    }

    [Fact]
    public async Task A_declined_card_for_a_package_creates_no_invoice_no_redemption_and_no_account_K4()
    {
        await Package(Code("sms"), 10.00m);
        await Coupon(new { code = Code("SMS20"), name = "sms off", discount = new { type = "percent", percent = 20 }, applies_to = new { all_plans = true, non_plan_charges = true } });
        var browser = api.Browser();
        string email = $"declined-{suffix}@example.test";
        long invoices = api.Count("invoicing_invoices");

        await OneTimeChargesDiscountable(true);
        HttpResponseMessage refused;
        try
        {
            refused = await browser.Submit(await browser.PurchaseForm($"/checkout?offering_id={Code("sms")}&coupon_code={Code("SMS20")}"), email, card: PaymentHttp.Declines);
        }
        finally
        {
            await OneTimeChargesDiscountable(false);
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("(card_declined)", await refused.Html(), StringComparison.Ordinal);
        Assert.Equal(invoices, api.Count("invoicing_invoices"));
        Assert.Equal(0, api.Count("coupons_redemptions r JOIN coupons_coupons c ON c.Id = r.CouponId", $"c.Code = '{Code("SMS20")}'"));
        Assert.Equal(0, api.Count("subscriptions_accounts", $"Email = '{email}'"));
    }

    [Fact]
    public async Task Submitting_a_package_checkout_twice_or_at_once_makes_one_invoice_and_one_charge_K4()
    {
        await Package(Code("sms"), 10.00m);
        var browser = api.Browser();
        var form = await browser.PurchaseForm($"/checkout?offering_id={Code("sms")}");
        string email = $"twice-{suffix}@example.test";
        int charges = api.Gateway().Charged.Count;

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => browser.Submit(form, email, card: PaymentHttp.Succeeds)));
        var again = await browser.Submit(form, email, card: PaymentHttp.Succeeds);

        Assert.All(answers.Append(again), answer => Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode));
        Assert.Single(answers.Append(again).Select(a => a.Headers.Location!.ToString()).Distinct());
        string account = (await InvoiceOf(again)).GetProperty("account_code").GetString()!;
        Assert.Equal(1, api.Count("invoicing_invoices", $"AccountCode = '{account}'"));
        Assert.Equal(1, api.Count("subscriptions_accounts", $"Email = '{email}'"));
        Assert.Equal(charges + 1, api.Gateway().Charged.Count);
    }

    [Fact]
    public async Task A_100_percent_coupon_on_a_package_asks_for_no_card_reads_Activate_and_makes_one_0_00_invoice_paid_at_issue_K3_C7()
    {
        await Package(Code("sms"), 10.00m);
        await Coupon(new { code = Code("SMSFREE"), name = "sms free", discount = new { type = "percent", percent = 100 }, applies_to = new { all_plans = true, non_plan_charges = true } });
        var browser = api.Browser();
        string url = $"/checkout?offering_id={Code("sms")}&coupon_code={Code("SMSFREE")}";

        await OneTimeChargesDiscountable(true);
        string html;
        HttpResponseMessage bought;
        try
        {
            html = await (await browser.GetAsync(url)).Html();
            bought = await browser.Submit(CheckoutHttp.HiddenFields(html), $"free-{suffix}@example.test");
        }
        finally
        {
            await OneTimeChargesDiscountable(false);
        }

        Assert.Matches(@"\$10\.00</s>\s*<strong class=""paid"">FREE</strong>", html);
        Assert.DoesNotContain("card_number", html[..html.IndexOf("<template", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Matches(@"<button id=""buy""[^>]*>Activate</button>", html);
        var invoice = await InvoiceOf(bought);
        Assert.Equal(0m, invoice.GetProperty("total").GetDecimal());
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        string account = invoice.GetProperty("account_code").GetString()!;
        Assert.Equal(1, api.Count("invoicing_invoices", $"AccountCode = '{account}'"));
        Assert.Equal(1, api.Count("coupons_redemptions", $"AccountCode = '{account}' AND State = 'active'"));
        Assert.Equal(0, api.Count("payments_payment_methods", $"AccountCode = '{account}'"));
        Assert.Equal(0, api.Count("payments_transactions", $"AccountCode = '{account}'"));
    }

    [Fact]
    public async Task A_package_in_a_currency_it_has_no_price_in_is_refused_clearly_K1()
    {
        await Package(Code("sms"), 10.00m);

        var page = await api.Browser().GetAsync($"/checkout?offering_id={Code("sms")}&currency=EUR");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains($"100 SMS {suffix} is not offered in EUR.", await page.Html(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_returning_customer_billed_in_another_currency_sees_currency_not_billed_and_is_refused_before_the_card_is_charged_R1_K2_K4()
    {
        await Package(Code("sms"), 10.00m);
        await Coupon(new { code = Code("SMS20"), name = "sms off", discount = new { type = "percent", percent = 20 }, applies_to = new { all_plans = true, non_plan_charges = true } });
        string account = await ReturningCustomer("euro", "EUR");

        await OneTimeChargesDiscountable(true);
        try
        {
            await AssertRefusedBeforeCharging(
                account,
                $"A redemption in USD would discount nothing: the subscriptions of account '{account}' bill in EUR (R1).",
                "$10.00");
        }
        finally
        {
            await OneTimeChargesDiscountable(false);
        }
    }

    [Fact]
    public async Task A_returning_customer_with_the_coupon_already_active_sees_the_refusal_and_is_refused_before_the_card_is_charged_C6_C17_K2_K4()
    {
        await Package(Code("sms"), 10.00m);
        await Coupon(new { code = Code("SMS20"), name = "sms off", discount = new { type = "percent", percent = 20 }, applies_to = new { all_plans = true, non_plan_charges = true } });
        string account = await ReturningCustomer("again", "USD");

        await OneTimeChargesDiscountable(true);
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();
        try
        {
            await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = Code("SMS20"), currency = "USD" }).Created();
            await AssertRefusedBeforeCharging(
                account,
                $"Account '{account}' already has an active redemption of coupon '{Code("SMS20")}'; without max_redemptions_per_account a coupon is redeemed once per account while a redemption of it is active.",
                "$8.00");
        }
        finally
        {
            await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = false }).Ok();
            await OneTimeChargesDiscountable(false);
        }

        Assert.Equal(1, api.Count("coupons_redemptions", $"AccountCode = '{account}'"));
    }

    [Fact]
    public async Task A_forever_coupon_bought_with_a_package_keeps_discounting_the_accounts_later_subscription_renewals_and_one_time_charges_C5_C8_S7()
    {
        await Package(Code("sms"), 10.00m);
        await Coupon(new { code = Code("FOREVER20"), name = "forever off", discount = new { type = "percent", percent = 20 }, duration = new { type = "forever" }, applies_to = new { all_plans = true, non_plan_charges = true } });
        await api.CheckoutPlan(Code("monthly"), ("USD", 30.00m));
        var browser = api.Browser();

        await OneTimeChargesDiscountable(true);
        JsonElement first, renewal, charge;
        try
        {
            string html = await (await browser.GetAsync($"/checkout?offering_id={Code("sms")}&coupon_code={Code("FOREVER20")}")).Html();
            var bought = await browser.Submit(CheckoutHttp.HiddenFields(html), $"forever-{suffix}@example.test", card: PaymentHttp.Succeeds);
            string account = (await InvoiceOf(bought)).GetProperty("account_code").GetString()!;
            var subscription = await api.SubscribeAsync(account, Code("monthly"));
            first = await api.Invoice(subscription.InvoiceNumber());
            await api.BillRunAtAsync(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1));
            renewal = await api.Invoice(api.Scalar($"SELECT MAX(Number) FROM invoicing_invoices WHERE SubscriptionId = '{subscription.GetProperty("id").GetString()}'"));
            charge = await api.Business().PostJson($"/api/accounts/{account}/charges", new { currency = "USD", amount = 5.00m, description = "Extra SMS" }).Created();
        }
        finally
        {
            await OneTimeChargesDiscountable(false);
        }

        Assert.NotEqual(first.GetProperty("number").GetInt64(), renewal.GetProperty("number").GetInt64());
        Assert.Equal(24.00m, first.GetProperty("total").GetDecimal());
        Assert.Equal(24.00m, renewal.GetProperty("total").GetDecimal());
        Assert.Equal(6.00m, renewal.GetProperty("discount_total").GetDecimal());
        Assert.Equal(4.00m, charge.GetProperty("total").GetDecimal());
    }

    /// <summary>
    /// A returning customer of <paramref name="account"/>, proven through My Account, opens the package's checkout with
    /// the coupon: the page shows the refusal and the price without it (<paramref name="paid"/>: the account's own
    /// redemptions still apply); a purchase form that still carries the coupon (as a
    /// page shown before the refusal applied would) is refused with nothing charged, invoiced or redeemed.
    /// </summary>
    private async Task AssertRefusedBeforeCharging(string account, string refusal, string paid)
    {
        var customer = api.Browser();
        string url = await api.ProvenCheckoutAsync(customer, account, $"offering_id={Code("sms")}&coupon_code={Code("SMS20")}");
        long transactions = api.Count("payments_transactions", $"AccountCode = '{account}'");
        long invoices = api.Count("invoicing_invoices", $"AccountCode = '{account}'");
        long redemptions = api.Count("coupons_redemptions", $"AccountCode = '{account}'");
        int charges = api.Gateway().Charged.Count;

        var page = await customer.GetAsync(url);
        string html = await page.Html();
        var form = CheckoutHttp.HiddenFields(html);
        form["coupon_code"] = Code("SMS20");
        var refused = await customer.Submit(form, "ignored@example.test", card: PaymentHttp.Succeeds);
        string answer = await refused.Html();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"coupon-refused\"", html, StringComparison.Ordinal);
        Assert.Contains(refusal, html, StringComparison.Ordinal);
        Assert.Contains($"<strong class=\"paid\">{paid}</strong>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(refusal, answer, StringComparison.Ordinal);
        Assert.Contains($"Nothing was bought: the coupon {Code("SMS20")} was not applied.", answer, StringComparison.Ordinal);
        Assert.Equal(charges, api.Gateway().Charged.Count);
        Assert.Equal(transactions, api.Count("payments_transactions", $"AccountCode = '{account}'"));
        Assert.Equal(invoices, api.Count("invoicing_invoices", $"AccountCode = '{account}'"));
        Assert.Equal(redemptions, api.Count("coupons_redemptions", $"AccountCode = '{account}'"));
    }

    /// <summary>An account with an email (for its My Account link), a card and a live subscription billed in <paramref name="currency"/>.</summary>
    private async Task<string> ReturningCustomer(string name, string currency)
    {
        string account = $"acct-{name}-{suffix}", plan = Code(name + "-plan");
        await api.CheckoutPlan(plan, (currency, 30.00m));
        await api.Business().PostJson("/api/accounts", new { code = account, email = $"{name}-{suffix}@example.test", country = "US" }).Created();
        await api.PutCard(account, PaymentHttp.Succeeds).Ok();
        await api.SubscribeAsync(account, plan, new { account_code = account, plan_code = plan, currency });
        return account;
    }

    private Task Package(string code, decimal usd) =>
        api.Admin().PostJson("/api/packages", new { code, name = "100 SMS " + suffix, currencies = new[] { new { currency = "USD", unit_amount = usd } } }).Created();

    private Task Coupon(object body) => api.Admin().PostJson("/api/coupons", body).Created();

    /// <summary>C17's site setting: one-time charges are discountable only when it is on (C7); off by default.</summary>
    private Task OneTimeChargesDiscountable(bool on) =>
        api.Admin().PutJson("/api/settings/coupons", new { one_time_charges_discountable = on }).Ok();

    /// <summary>The invoice a package purchase landed on: the onboarding URL's <c>invoice_number</c> (S7: no subscription).</summary>
    private async Task<JsonElement> InvoiceOf(HttpResponseMessage bought)
    {
        Assert.Equal(HttpStatusCode.SeeOther, bought.StatusCode);
        string location = bought.Headers.Location!.ToString();
        Assert.StartsWith("/checkout/done?invoice_number=", location, StringComparison.Ordinal);
        return await api.Invoice(long.Parse(location.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
