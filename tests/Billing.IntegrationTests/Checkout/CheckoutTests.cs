using System.Net;
using System.Text;
using Billing.Payments.Infrastructure.Gateway;
using Billing.SharedKernel;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>The seed-002 checkout's server side (K1–K4, issue 18), through its pages as a browser without script uses them.</summary>
public sealed class CheckoutTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];

    private string Code(string name) => $"{name}-{suffix}";

    [Fact]
    public async Task A_coupon_in_the_url_is_applied_at_once_list_then_paid_price_with_its_hosted_page_description_K1_K2()
    {
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        await api.PercentCoupon(Code("HALF"), 50, "Half price for partners' customers");

        var page = await api.Browser().GetAsync($"/checkout?offering_id={Code("pro")}&coupon_code={Code("HALF")}");
        string html = await page.Html();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Matches(@"<s class=""list"">\$20\.00</s>\s*<strong class=""paid"">\$10\.00</strong>", html);
        Assert.Contains("Half price for partners' customers", html, StringComparison.Ordinal);
        Assert.Contains("id=\"card-fields\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"coupon-form\"", html, StringComparison.Ordinal);
        Assert.Equal(0, api.Count("coupons_redemptions r JOIN coupons_coupons c ON c.Id = r.CouponId", $"c.Code = '{Code("HALF")}'"));
    }

    [Fact]
    public async Task An_unknown_code_shows_its_refusal_message_and_the_list_price_K2()
    {
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));

        string html = await (await api.Browser().GetAsync($"/checkout?offering_id={Code("pro")}&coupon_code=NOSUCH{suffix}")).Html();

        Assert.Contains($"No redeemable coupon has the code 'NOSUCH{suffix}'.", html, StringComparison.Ordinal);
        Assert.Matches(@"<strong class=""paid"">\$20\.00</strong>", html);
        Assert.DoesNotContain("<s class=\"list\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_coupon_field_true_shows_the_field_and_its_get_form_prices_a_typed_code_without_script_K1()
    {
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        await api.PercentCoupon(Code("QUARTER"), 25);
        var browser = api.Browser();

        string field = await (await browser.GetAsync($"/checkout?offering_id={Code("pro")}&show_coupon_field=true")).Html();
        string typed = await (await browser.GetAsync($"/checkout?offering_id={Code("pro")}&currency=USD&show_coupon_field=true&coupon_code={Code("QUARTER")}")).Html();
        string fragment = await (await browser.GetAsync($"/checkout?handler=price&offering_id={Code("pro")}&coupon_code={Code("QUARTER")}")).Html();

        Assert.Contains("id=\"coupon-form\"", field, StringComparison.Ordinal);
        Assert.Matches(@"\$20\.00</s>\s*<strong class=""paid"">\$15\.00</strong>", typed);
        Assert.Contains("Remove", typed, StringComparison.Ordinal);
        Assert.Matches(@"\$20\.00</s>\s*<strong class=""paid"">\$15\.00</strong>", fragment);
        Assert.DoesNotContain("<html", fragment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_free_checkout_asks_for_no_card_reads_Activate_and_lands_on_the_onboarding_page_with_the_subscription_K3_R6()
    {
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        await api.PercentCoupon(Code("FREE"), 100);
        var browser = api.Browser();
        string url = $"/checkout?offering_id={Code("pro")}&coupon_code={Code("FREE")}";

        string html = await (await browser.GetAsync(url)).Html();
        var bought = await browser.Submit(await browser.PurchaseForm(url), $"free-{suffix}@example.test");

        Assert.Matches(@"\$20\.00</s>\s*<strong class=""paid"">FREE</strong>", html);
        string outsideTemplate = html[..html.IndexOf("<template", StringComparison.Ordinal)];
        Assert.DoesNotContain("card_number", outsideTemplate, StringComparison.Ordinal);
        Assert.Matches(@"<button id=""buy""[^>]*>Activate</button>", html);
        Assert.Equal(HttpStatusCode.SeeOther, bought.StatusCode);
        string location = bought.Headers.Location!.ToString();
        Assert.StartsWith("/checkout/done?subscription_id=sub_", location, StringComparison.Ordinal);
        string id = location[(location.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var subscription = await api.Business().GetJson($"/api/subscriptions/{id}");
        Assert.Equal("active", subscription.GetProperty("state").GetString());
        Assert.Equal(1, api.Count("coupons_redemptions", $"AccountCode = '{subscription.GetProperty("account_code").GetString()}' AND State = 'active'"));
        Assert.Equal(0, api.Count("payments_payment_methods", $"AccountCode = '{subscription.GetProperty("account_code").GetString()}'"));
        Assert.Contains(id, await (await browser.GetAsync(location)).Html(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paid_checkout_with_the_success_card_creates_the_subscription_with_its_first_invoice_paid_K4_P3()
    {
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        await api.PercentCoupon(Code("HALF"), 50);
        var browser = api.Browser();
        string url = $"/checkout?offering_id={Code("pro")}&coupon_code={Code("HALF")}";

        var bought = await browser.Submit(await browser.PurchaseForm(url), $"paid-{suffix}@example.test", card: PaymentHttp.Succeeds);

        Assert.Equal(HttpStatusCode.SeeOther, bought.StatusCode);
        string id = bought.Headers.Location!.ToString().Split('=')[1];
        var subscription = await api.Business().GetJson($"/api/subscriptions/{id}");
        string account = subscription.GetProperty("account_code").GetString()!;
        Assert.Equal(1, api.Count("invoicing_invoices", $"SubscriptionId = '{id}'"));
        var invoice = await api.Invoice(api.Scalar($"SELECT Number FROM invoicing_invoices WHERE SubscriptionId = '{id}'"));
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        Assert.Equal(10.00m, invoice.GetProperty("amount_paid").GetDecimal());
        Assert.Equal("4242", (await api.Business().GetJson($"/api/accounts/{account}/payment-method")).GetProperty("last4").GetString());
        await api.DeliverEventsAsync();
        Assert.Single(await api.Transactions(invoice.GetProperty("number").GetInt64()));
        Assert.Equal(1, api.Count("payments_transactions", $"AccountCode = '{account}' AND Outcome = 'succeeded'"));
    }

    [Theory]
    [InlineData(PaymentHttp.Declines, "card_declined")]
    [InlineData(PaymentHttp.InsufficientFunds, "insufficient_funds")]
    [InlineData(PaymentHttp.ProcessingError, "processing_error")]
    public async Task A_declined_card_keeps_the_customer_on_the_page_with_the_gateways_reason_and_creates_nothing_K4(string card, string reason)
    {
        string plan = $"{Code("pro")}-{reason}", coupon = $"{Code("HALF")}-{reason}";
        await api.CheckoutPlan(plan, ("USD", 20.00m));
        await api.PercentCoupon(coupon, 50);
        var browser = api.Browser();
        string email = $"declined-{suffix}-{reason}@example.test";
        long subscriptions = api.Count("subscriptions_subscriptions"), invoices = api.Count("invoicing_invoices");

        var refused = await browser.Submit(await browser.PurchaseForm($"/checkout?offering_id={plan}&coupon_code={coupon}"), email, card: card);
        string html = await refused.Html();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains($"({reason})", html, StringComparison.Ordinal);
        Assert.Contains("id=\"card-fields\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(card, html, StringComparison.Ordinal);
        Assert.Equal(0, api.Count("subscriptions_accounts", $"Email = '{email}'"));
        Assert.Equal(subscriptions, api.Count("subscriptions_subscriptions"));
        Assert.Equal(invoices, api.Count("invoicing_invoices"));
        Assert.Equal(0, api.Count("coupons_redemptions r JOIN coupons_coupons c ON c.Id = r.CouponId", $"c.Code = '{coupon}'"));
    }

    [Fact]
    public async Task Submitting_one_checkout_twice_or_at_once_creates_one_subscription_and_one_charge_and_both_land_on_it()
    {
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        var browser = api.Browser();
        var form = await browser.PurchaseForm($"/checkout?offering_id={Code("pro")}");
        string email = $"twice-{suffix}@example.test";
        int charges = api.Gateway().Charged.Count;

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => browser.Submit(form, email, card: PaymentHttp.Succeeds)));
        var again = await browser.Submit(form, email, card: PaymentHttp.Succeeds);

        Assert.All(answers.Append(again), answer => Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode));
        Assert.Single(answers.Append(again).Select(a => a.Headers.Location!.ToString()).Distinct());
        string account = (await api.Business().GetJson($"/api/subscriptions/{again.Headers.Location!.ToString().Split('=')[1]}")).GetProperty("account_code").GetString()!;
        Assert.Equal(1, api.Count("subscriptions_subscriptions", $"AccountCode = '{account}'"));
        Assert.Equal(1, api.Count("subscriptions_accounts", $"Email = '{email}'"));
        Assert.Equal(charges + 1, api.Gateway().Charged.Count);
    }

    [Fact]
    public async Task A_purchase_without_the_antiforgery_token_is_refused_and_creates_nothing()
    {
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        var browser = api.Browser();
        var form = await browser.PurchaseForm($"/checkout?offering_id={Code("pro")}");
        form.Remove("__RequestVerificationToken");
        string email = $"forged-{suffix}@example.test";

        var refused = await api.Browser().Submit(form, email, card: PaymentHttp.Succeeds);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, api.Count("subscriptions_accounts", $"Email = '{email}'"));
    }

    [Theory]
    [InlineData("JPY", "¥1,500")]
    [InlineData("KWD", "KWD 1.250")]
    [InlineData("USD", "$1,234.50")]
    public async Task Money_is_formatted_with_the_currencys_decimals_M1(string currency, string shown)
    {
        string plan = Code("multi") + currency;
        await api.CheckoutPlan(plan, ("USD", 1234.50m), ("JPY", 1500m), ("KWD", 1.25m));

        string html = await (await api.Browser().GetAsync($"/checkout?offering_id={plan}&currency={currency}")).Html();

        Assert.Contains($"<strong class=\"paid\">{shown}</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_offering_or_a_currency_it_is_not_offered_in_answers_a_page_that_says_so()
    {
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        var browser = api.Browser();

        var unknown = await browser.GetAsync($"/checkout?offering_id=nothing-{suffix}");
        var currency = await browser.GetAsync($"/checkout?offering_id={Code("pro")}&currency=EUR");
        var none = await browser.GetAsync("/checkout");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains($"No offering has the id 'nothing-{suffix}'.", await unknown.Html(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, currency.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }

    [Fact]
    public async Task Card_numbers_and_cvcs_of_checkouts_never_reach_a_log_or_the_database_P3()
    {
        var logs = new CardDataTests.CapturingLoggerProvider();
        using var host = api.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
        });
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        var browser = host.Browser();
        string url = $"/checkout?offering_id={Code("pro")}";
        var answers = new List<string>();
        foreach (string card in new[] { PaymentHttp.Declines, PaymentHttp.Succeeds })
        {
            answers.Add(await (await browser.Submit(await browser.PurchaseForm(url), $"cards-{suffix}@example.test", card: card)).Html());
        }

        var texts = logs.Messages.Concat(answers).Concat(api.StoredText()).ToList();

        Assert.NotEmpty(logs.Messages);
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain(PaymentHttp.Declines, text, StringComparison.Ordinal);
            Assert.DoesNotContain(PaymentHttp.Succeeds, text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\b9731\b", text);
        });
    }

    [Fact]
    public async Task A_checkout_sent_again_after_the_host_failed_right_after_the_charge_charges_once_and_ends_with_the_subscription_K4_P3()
    {
        var gateway = new FailsAfterFirstCharge(new TestPaymentGateway());
        using var host = api.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IPaymentGateway>(gateway)));
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        var browser = host.Browser();
        var form = await browser.PurchaseForm($"/checkout?offering_id={Code("pro")}");
        string email = $"crash-{suffix}@example.test";

        var failed = await Record.ExceptionAsync(async () => Assert.Equal(HttpStatusCode.InternalServerError, (await browser.Submit(form, email, card: PaymentHttp.Succeeds)).StatusCode));
        Assert.True(failed is null or InvalidOperationException { Message: FailsAfterFirstCharge.Failure }, failed?.ToString());
        Assert.Single(gateway.Inner.Charged);
        Assert.Equal(0, api.Count("subscriptions_accounts", $"Email = '{email}'"));

        var retried = await browser.Submit(form, email, card: PaymentHttp.Succeeds);

        Assert.Equal(HttpStatusCode.SeeOther, retried.StatusCode);
        string id = retried.Headers.Location!.ToString().Split('=')[1];
        var invoice = await api.Invoice(api.Scalar($"SELECT Number FROM invoicing_invoices WHERE SubscriptionId = '{id}'"));
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        Assert.Equal(20.00m, invoice.GetProperty("amount_paid").GetDecimal());
        var charge = Assert.Single(gateway.Inner.Charged);
        Assert.Equal(2000, charge.Amount.Minor);
        Assert.Empty(gateway.Inner.Refunded);
        Assert.Equal(1, api.Count("payments_transactions", $"IdempotencyKey = '{charge.Key}' AND Outcome = 'succeeded'"));
    }

    [Fact]
    public async Task After_a_decline_the_page_is_a_new_attempt_so_the_corrected_card_is_charged_K4()
    {
        await api.CheckoutPlan(Code("pro"), ("USD", 20.00m));
        var browser = api.Browser();
        var form = await browser.PurchaseForm($"/checkout?offering_id={Code("pro")}");
        string email = $"again-{suffix}@example.test";

        var declined = await browser.Submit(form, email, card: PaymentHttp.Declines);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, declined.StatusCode);
        var next = CheckoutHttp.HiddenFields(await declined.Content.ReadAsStringAsync());
        var bought = await browser.Submit(next, email, card: PaymentHttp.Succeeds);

        Assert.Equal(HttpStatusCode.SeeOther, bought.StatusCode);
        Assert.NotEqual(form["checkout_key"], next["checkout_key"]);
    }

    /// <summary>The test seam of a host that dies right after the gateway charged: the charge is made, then the purchase fails before anything is written.</summary>
    private sealed class FailsAfterFirstCharge(TestPaymentGateway inner) : IPaymentGateway
    {
        public const string Failure = "The host failed right after the charge.";

        private int charges;

        public TestPaymentGateway Inner => inner;

        public Task<GatewayToken> TokenizeAsync(CardDetails card, CancellationToken cancellationToken) => inner.TokenizeAsync(card, cancellationToken);

        public async Task<GatewayResult> ChargeAsync(string token, Money amount, string idempotencyKey, CancellationToken cancellationToken)
        {
            var result = await inner.ChargeAsync(token, amount, idempotencyKey, cancellationToken);
            return Interlocked.Increment(ref charges) == 1 ? throw new InvalidOperationException(Failure) : result;
        }

        public Task<GatewayResult> RefundAsync(string chargeReference, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
            inner.RefundAsync(chargeReference, amount, idempotencyKey, cancellationToken);
    }
}
