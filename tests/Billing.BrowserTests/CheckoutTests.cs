using System.Text.RegularExpressions;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Billing.BrowserTests;

/// <summary>The seed-002 checkout (K1–K4, issue 18) in a real browser: a phone-width viewport, as customers mostly come.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CheckoutTests(DashboardHost host) : IAsyncLifetime
{
    private const string SuccessCard = "4242 4242 4242 4242";
    private const string DeclineCard = "4000 0000 0000 0002";

    private readonly List<string> consoleErrors = [];
    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 4", StringComparison.Ordinal))
            {
                consoleErrors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => consoleErrors.Add($"{page.Url}: {error}");
        page.Dialog += (_, dialog) => consoleErrors.Add($"{page.Url}: a dialog opened: {dialog.Message}");
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task A_coupon_in_the_url_is_applied_at_once_as_list_then_paid_price_with_its_description_K1_K2()
    {
        await Plan("pro", ("USD", 20.00m));
        await Coupon("HALF", 50, "Half price for the first months");

        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("pro")}&coupon_code={Code("HALF")}");

        await Expect(page.Locator("[data-testid='price']")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s+\$10\.00\s*$"));
        await Expect(page.Locator("[data-testid='coupon-applied']")).ToContainTextAsync("Half price for the first months");
        await Expect(page.Locator("#coupon-code")).ToHaveCountAsync(0);
        await Expect(page.Locator("#card-number")).ToBeVisibleAsync();
        await Expect(page.Locator("#buy")).ToHaveTextAsync("Purchase");
        await Screen("checkout-coupon-in-url");
    }

    [Fact]
    public async Task An_unknown_code_shows_its_refusal_and_the_list_price_K2()
    {
        await Plan("pro", ("USD", 20.00m));

        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("pro")}&coupon_code=NOPE{suffix}");

        await Expect(page.Locator("[data-testid='coupon-refused']")).ToHaveTextAsync($"No redeemable coupon has the code 'NOPE{suffix}'.");
        await Expect(page.Locator("[data-testid='price']")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s*$"));
        await Screen("checkout-refused-code");
    }

    [Fact]
    public async Task Show_coupon_field_toggles_the_field_and_applying_or_removing_a_code_updates_the_price_without_a_reload_K1_K3()
    {
        await Plan("pro", ("USD", 20.00m));
        await Coupon("QUARTER", 25);
        await Coupon("ALLFREE", 100);
        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("pro")}");
        await Expect(page.Locator("#coupon-code")).ToHaveCountAsync(0);

        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("pro")}&show_coupon_field=true");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        await page.FillAsync("#coupon-code", Code("QUARTER"));
        await page.ClickAsync("#coupon-form button");

        await Expect(page.Locator("[data-testid='price']")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s+\$15\.00\s*$"));
        await Expect(page).ToHaveURLAsync(new Regex($"coupon_code={Code("QUARTER")}"));
        await page.FillAsync("#coupon-code", Code("ALLFREE"));
        await page.ClickAsync("#coupon-form button");
        await Expect(page.Locator("[data-testid='price']")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s+FREE\s*$"));
        await Expect(page.Locator("#card-number")).ToHaveCountAsync(0);
        await Expect(page.Locator("#buy")).ToHaveTextAsync("Activate");
        await Screen("checkout-coupon-field-free");
        await page.ClickAsync(".remove-coupon");
        await Expect(page.Locator("[data-testid='price']")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s*$"));
        await Expect(page.Locator("#card-number")).ToBeVisibleAsync();
        await Expect(page.Locator("#buy")).ToHaveTextAsync("Purchase");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
    }

    [Fact]
    public async Task A_hundred_percent_coupon_shows_no_card_field_and_Activate_creates_the_subscription_and_lands_on_the_onboarding_page_K3()
    {
        await Plan("pro", ("USD", 20.00m));
        await Coupon("FREE", 100);
        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("pro")}&coupon_code={Code("FREE")}");
        await Expect(page.Locator("[data-testid='price']")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s+FREE\s*$"));
        await Expect(page.Locator("#card-number")).ToHaveCountAsync(0);
        await Expect(page.Locator("input[autocomplete^='cc-']")).ToHaveCountAsync(0);
        await Screen("checkout-free");

        await Customer($"free-{suffix}@example.test");
        await page.ClickAsync("#buy:has-text('Activate')");

        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout/done\?subscription_id=sub_"));
        await Expect(page.Locator("[data-testid='done']")).ToContainTextAsync("is active");
        string id = await page.Locator("[data-testid='subscription-id']").InnerTextAsync();
        var subscription = await host.ApiAsync(HttpMethod.Get, $"/api/subscriptions/{id}");
        Assert.Equal("active", subscription.GetProperty("state").GetString());
        Assert.Equal(0m, subscription.GetProperty("purchase_price").GetDecimal());
        await Screen("checkout-onboarding");
    }

    [Fact]
    public async Task A_paid_plan_with_the_success_card_creates_a_paid_subscription_K4()
    {
        await Plan("pro", ("USD", 20.00m));
        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("pro")}");
        await Customer($"paid-{suffix}@example.test");
        await Card(SuccessCard);
        await Screen("checkout-card");

        await page.ClickAsync("#buy:has-text('Purchase')");

        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout/done\?subscription_id=sub_"));
        string id = await page.Locator("[data-testid='subscription-id']").InnerTextAsync();
        var subscription = await host.ApiAsync(HttpMethod.Get, $"/api/subscriptions/{id}");
        string account = subscription.GetProperty("account_code").GetString()!;
        Assert.Equal("active", subscription.GetProperty("state").GetString());
        Assert.Equal("4242", (await host.ApiAsync(HttpMethod.Get, $"/api/accounts/{account}/payment-method")).GetProperty("last4").GetString());
        string invoices = (await host.ApiAsync(HttpMethod.Get, $"/api/invoices?subscription_id={id}")).GetRawText();
        Assert.Contains("\"state\":\"paid\"", invoices, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_time_package_with_the_success_card_lands_on_the_onboarding_page_with_its_paid_invoices_number_K1_K4_S7()
    {
        await host.ApiAsync(HttpMethod.Post, "/api/packages", new { code = Code("sms"), name = "100 SMS", currencies = new[] { new { currency = "USD", unit_amount = 10.00m } } });
        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("sms")}");
        await Expect(page.Locator("[data-testid='one-time']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid='price']")).ToHaveTextAsync(new Regex(@"\$10\.00"));
        await Customer($"sms-{suffix}@example.test");
        await Card(SuccessCard);
        await Screen("checkout-package");

        await page.ClickAsync("#buy:has-text('Purchase')");

        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout/done\?invoice_number=[0-9]+$"));
        string number = await page.Locator("[data-testid='invoice-number']").InnerTextAsync();
        Assert.Equal(page.Url.Split('=')[1], number);
        var invoice = await host.ApiAsync(HttpMethod.Get, $"/api/invoices/{number}");
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        Assert.Equal(10.00m, invoice.GetProperty("amount_paid").GetDecimal());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, invoice.GetProperty("subscription_id").ValueKind);
    }

    [Fact]
    public async Task A_decline_card_keeps_the_customer_on_the_page_with_the_gateways_reason_and_creates_nothing_K4()
    {
        await Plan("pro", ("USD", 20.00m));
        string email = $"declined-{suffix}@example.test";
        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("pro")}");
        await Customer(email);
        await Card(DeclineCard);

        await page.ClickAsync("#buy");

        await Expect(page.Locator("[data-testid='problem']")).ToHaveTextAsync("Your card was declined (card_declined).");
        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout$"));
        await Expect(page.Locator("#email")).ToHaveValueAsync(email);
        await Expect(page.Locator("#card-number")).ToHaveValueAsync(string.Empty);
        await Screen("checkout-declined");
        Assert.Equal("account_not_found", (await Send(new FindAccountByEmail(email))).Error?.Code);
    }

    [Fact]
    public async Task A_returning_customer_is_refused_by_a_typed_email_and_buys_through_My_Account_where_the_credit_pays_part_and_the_card_the_rest_P5_K4_K5()
    {
        await Plan("pro", ("USD", 20.00m));
        await Plan("old", ("USD", 20.00m));
        await Coupon("HALF", 50);
        string email = $"returning-{suffix}@example.test";
        string account = Code("returning");
        await host.ApiAsync(HttpMethod.Post, "/api/accounts", new { code = account, email, country = "US" });
        await host.ApiAsync(HttpMethod.Put, $"/api/accounts/{account}/payment-method", new { card_number = SuccessCard, exp_month = 12, exp_year = 2040, cvc = "123" });
        var old = await host.ApiAsync(HttpMethod.Post, "/api/subscriptions", new { account_code = account, plan_code = Code("old"), currency = "USD" });
        long oldInvoice = old.GetProperty("invoice").GetProperty("number").GetInt64();
        await host.DeliverEventsAsync();
        await host.ApiAsync(HttpMethod.Post, $"/api/invoices/{oldInvoice}/refund", new { amount = 4.00m, to = "credit" });

        // A typed email proves nothing: the partner's link neither shows nor spends the account's credit.
        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("pro")}&coupon_code={Code("HALF")}");
        await Customer(email);
        await Card(SuccessCard);
        await page.ClickAsync("#buy:has-text('Purchase')");
        await Expect(page.Locator("[data-testid='problem']")).ToHaveTextAsync("An account with this email exists. To buy with it, open this checkout from your My Account page.");
        await Expect(page.Locator("[data-testid='due']")).ToHaveTextAsync("$10.00");
        await Expect(page.Locator("[data-testid='credit']")).ToHaveCountAsync(0);
        await Screen("checkout-account-exists");
        string viaMyAccount = (await page.Locator("[data-testid='my-account-checkout']").GetAttributeAsync("href"))!;

        // The customer's My Account link is the proof: "Buy another plan" and the refusal's link both open the account's checkout.
        await page.GotoAsync((await host.ApiAsync(HttpMethod.Post, $"/api/accounts/{account}/portal-links")).GetProperty("url").GetString()!);
        await page.SelectOptionAsync("#offering", Code("pro"));
        await page.ClickAsync("[data-testid='buy-another'] button");
        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout\?offering_id=.*account_token="));
        await Expect(page.Locator("[data-testid='buyer']")).ToContainTextAsync(email);
        await page.GotoAsync(host.BaseUrl + viaMyAccount);
        await Expect(page.Locator("[data-testid='price']")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s+\$10\.00\s*$"));
        await Expect(page.Locator("[data-testid='credit']")).ToHaveTextAsync("Your account's credit pays $4.00.");
        await Expect(page.Locator("[data-testid='due']")).ToHaveTextAsync("$6.00");
        await Expect(page.Locator("#email")).ToHaveCountAsync(0);
        await Screen("checkout-proven-credit");
        await Card(SuccessCard);

        await page.ClickAsync("#buy:has-text('Purchase')");

        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout/done\?subscription_id=sub_"));
        string id = await page.Locator("[data-testid='subscription-id']").InnerTextAsync();
        var invoice = (await host.ApiAsync(HttpMethod.Get, $"/api/invoices?subscription_id={id}")).GetProperty("data").EnumerateArray().Single();
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        Assert.Equal(10.00m, invoice.GetProperty("total").GetDecimal());
        Assert.Equal(4.00m, invoice.GetProperty("credit_applied").GetDecimal());
        Assert.Equal(6.00m, invoice.GetProperty("amount_paid").GetDecimal());
        var charges = (await host.ApiAsync(HttpMethod.Get, $"/api/invoices/{invoice.GetProperty("number").GetInt64()}/transactions")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(6.00m, Assert.Single(charges).GetProperty("amount").GetDecimal());
        Assert.Equal(account, (await host.ApiAsync(HttpMethod.Get, $"/api/subscriptions/{id}")).GetProperty("account_code").GetString());
        var balances = (await host.ApiAsync(HttpMethod.Get, $"/api/accounts/{account}")).GetProperty("credit_balances").EnumerateArray();
        Assert.All(balances.Where(b => b.GetProperty("currency").GetString() == "USD"), b => Assert.Equal(0m, b.GetProperty("balance").GetDecimal()));
    }

    [Fact]
    public async Task A_double_submit_of_one_checkout_creates_one_subscription()
    {
        await Plan("pro", ("USD", 20.00m));
        string email = $"twice-{suffix}@example.test";
        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("pro")}");
        await Customer(email);
        await Card(SuccessCard);

        // Two submissions of the same page at once, as a double click without the page's script would send them.
        await page.EvaluateAsync(
            @"() => {
                const body = new URLSearchParams(new FormData(document.getElementById('purchase-form')));
                return Promise.all([1, 2].map(() => fetch('/checkout', { method: 'POST', body, redirect: 'manual' })));
            }");
        await page.DblClickAsync("#buy");

        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout/done\?subscription_id=sub_"));
        var account = Assert.Single((await Send(new PageAccounts(email, null, PageRequest.First))).Value.Data);
        Assert.Single((await Send(new PageSubscriptions(PageRequest.First, AccountCode: account.Code))).Value.Data);
    }

    [Fact]
    public async Task A_JPY_offering_shows_no_decimals_M1()
    {
        await Plan("yen", ("JPY", 1500m), ("USD", 10.00m));
        await Coupon("YEN10", 10);

        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("yen")}&currency=JPY&coupon_code={Code("YEN10")}");

        await Expect(page.Locator("[data-testid='price']")).ToHaveTextAsync(new Regex(@"^\s*¥1,500\s+¥1,350\s*$"));
        await Expect(page.Locator("[data-testid='due']")).ToHaveTextAsync("¥1,350");
        await Screen("checkout-jpy");
    }

    [Fact]
    public async Task The_printable_invoice_of_a_checkout_shows_its_amounts_and_discount_lines_in_the_currencys_decimals_and_has_a_print_stylesheet_I1_I2_M1()
    {
        await Plan("print", ("KWD", 12.500m));
        await Coupon("FIFTH", 20);
        await page.GotoAsync($"{host.BaseUrl}/checkout?offering_id={Code("print")}&coupon_code={Code("FIFTH")}");
        await Customer($"print-{suffix}@example.test");
        await Card(SuccessCard);
        await page.ClickAsync("#buy:has-text('Purchase')");
        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout/done\?subscription_id=sub_"));
        string id = await page.Locator("[data-testid='subscription-id']").InnerTextAsync();
        string account = (await host.ApiAsync(HttpMethod.Get, $"/api/subscriptions/{id}")).GetProperty("account_code").GetString()!;
        long number = (await host.ApiAsync(HttpMethod.Get, $"/api/invoices?subscription_id={id}")).GetProperty("data").EnumerateArray().Single().GetProperty("number").GetInt64();

        await page.GotoAsync((await host.ApiAsync(HttpMethod.Post, $"/api/accounts/{account}/portal-links")).GetProperty("url").GetString()!);
        await page.GotoAsync($"{host.BaseUrl}/my-account/invoices/{number}");

        var invoice = page.Locator("article.invoice");
        await Expect(invoice.Locator("h1")).ToHaveTextAsync($"Invoice {number}");
        await Expect(invoice.Locator("tbody tr:not(.discount)")).ToHaveCountAsync(1);
        await Expect(invoice.Locator("tbody tr:not(.discount) td").Nth(2)).ToHaveTextAsync("KWD 12.500");
        await Expect(invoice.Locator("tbody tr:not(.discount) td").Nth(3)).ToHaveTextAsync(new Regex(@"^\s*KWD 12\.500\s+KWD 10\.000\s*$"));
        await Expect(invoice.Locator("tbody tr:not(.discount) s")).ToHaveTextAsync("KWD 12.500");
        await Expect(invoice.Locator("tbody tr.discount td").First).ToHaveTextAsync($"discount {Code("FIFTH")}");
        await Expect(invoice.Locator("tbody tr.discount td").Last).ToHaveTextAsync("-KWD 2.500");
        await Expect(Footer(invoice, "Subtotal")).ToHaveTextAsync("KWD 12.500");
        await Expect(Footer(invoice, "Discounts")).ToHaveTextAsync("-KWD 2.500");
        await Expect(Footer(invoice, "Tax")).ToHaveTextAsync("KWD 0.000");
        await Expect(Footer(invoice, "Total")).ToHaveTextAsync("KWD 10.000");
        await Expect(invoice.Locator("[data-amount-due]")).ToHaveTextAsync("KWD 0.000");
        await Expect(invoice).ToContainTextAsync($"Coupons: {Code("FIFTH")}");
        await Expect(invoice.Locator("dd").Nth(1)).ToHaveTextAsync("paid");
        Assert.True(await page.EvaluateAsync<bool>(
            "() => [...document.styleSheets].some(sheet => [...sheet.cssRules].some(rule => rule.media && rule.media.mediaText === 'print'))"));

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Expect(page.Locator("header.top")).ToBeHiddenAsync();
        await Expect(page.Locator("p.actions")).ToBeHiddenAsync();
        await Expect(invoice).ToBeVisibleAsync();
        await Expect(Footer(invoice, "Total")).ToBeVisibleAsync();
        await Screen("checkout-invoice-print");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await Expect(page.Locator("header.top")).ToBeVisibleAsync();
    }

    /// <summary>The amount of an invoice's footer row, by its label.</summary>
    private static ILocator Footer(ILocator invoice, string label) =>
        invoice.Locator("tfoot tr").Filter(new LocatorFilterOptions { Has = invoice.Page.Locator($"td:text-is('{label}')") }).Locator("td").Last;

    private string Code(string name) => $"{name}-{suffix}";

    private async Task<T> Send<T>(IRequest<T> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private Task Plan(string name, params (string Currency, decimal Amount)[] prices) =>
        host.ApiAsync(HttpMethod.Post, "/api/plans", new
        {
            code = Code(name),
            name = "Pro " + name,
            interval = new { length = 1, unit = "month" },
            currencies = prices.Select(p => new { currency = p.Currency, unit_amount = p.Amount, setup_fee = 0m }).ToArray(),
        });

    private Task Coupon(string name, int percent, string? description = null) =>
        host.ApiAsync(HttpMethod.Post, "/api/coupons", new
        {
            code = Code(name),
            name = $"{percent}% off",
            discount = new { type = "percent", percent },
            duration = new { type = "forever" },
            hosted_page_description = description,
        });

    private async Task Customer(string email)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#country", "US");
    }

    private async Task Card(string number)
    {
        await page.FillAsync("#card-number", number);
        await page.FillAsync("#exp-month", "12");
        await page.FillAsync("#exp-year", "2040");
        await page.FillAsync("#cvc", "123");
    }

    /// <summary>The page at phone width (the context's viewport), into the test output's screenshots folder.</summary>
    private Task Screen(string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardHost.ScreenshotDirectory, $"{name}-phone.png"), FullPage = true });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage target) => Assertions.Expect(target);
}
