using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Billing.BrowserTests;

/// <summary>
/// The customer's My Account page (K5, issue 24) in a real browser at phone width: opened through a signed link,
/// the subscriptions at list then paid price with their coupons, the next invoice, the card, cancel and undo, and one
/// account's link or session never showing another's data.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class MyAccountTests(DashboardHost host) : IAsyncLifetime
{
    private const string SuccessCard = "4242 4242 4242 4242";
    private const string DeclineCard = "4000 0000 0000 0002";

    private readonly List<string> consoleErrors = [];
    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];
    private readonly List<IBrowserContext> contexts = [];
    private IPage page = null!;

    public async Task InitializeAsync() => page = await NewPageAsync();

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }

        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task A_link_opens_the_account_with_each_subscription_at_list_then_paid_price_and_its_coupons_K5_I6()
    {
        await Plan("pro", ("USD", 20.00m));
        await Plan("team", ("USD", 20.00m));
        await Coupon("HALF", 50, redemptionResource: "subscription");
        await Coupon("ALLFREE", 100, redemptionResource: "subscription", duration: new { type = "billing_periods", periods = 3 });
        string account = await Account("ann", SuccessCard);
        string half = await Subscribe(account, "pro", "USD", "HALF");
        string free = await Subscribe(account, "team", "USD", "ALLFREE");

        await Open(account);

        await Expect(page).ToHaveURLAsync(new Regex(@"/my-account$"));
        await Expect(page.Locator("h1 small")).ToHaveTextAsync($"ann-{suffix}@example.test");
        var pro = Subscription(half);
        await Expect(pro.Locator("[data-price]")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s+\$10\.00\s*$"));
        await Expect(pro.Locator("h2")).ToContainTextAsync("Pro pro");
        await Expect(pro.Locator("[data-state]")).ToHaveTextAsync("active");
        await Expect(pro.Locator("[data-next-renewal]")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$"));
        await Expect(pro.Locator($"[data-coupon='{Code("HALF")}']")).ToContainTextAsync("50% off, forever");
        await Expect(pro.Locator("[data-next-invoice]")).ToContainTextAsync("$10.00");
        var team = Subscription(free);
        await Expect(team.Locator("[data-price]")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s+FREE\s*$"));
        await Expect(team.Locator($"[data-coupon='{Code("ALLFREE")}']")).ToContainTextAsync("100% off, 2 of 3 billing period(s) left");
        await Expect(page.Locator("[data-payment-method]")).ToHaveTextAsync("Visa ending in 4242, expires 12/2040");
        await Expect(page.Locator("[data-invoice]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-invoice] [data-state='paid']")).ToHaveCountAsync(2);

        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "billing.my-account");
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/my-account", cookie.Path);
        Assert.DoesNotContain(await page.ContentAsync(), "token=", StringComparison.Ordinal);
        await Screen("my-account");

        string number = (await page.Locator("[data-invoice]").First.GetAttributeAsync("data-invoice"))!;
        await page.ClickAsync($"[data-invoice='{number}'] a");
        await Expect(page).ToHaveURLAsync(new Regex($"/my-account/invoices/{number}$"));
        await Expect(page.Locator("body")).ToContainTextAsync($"Invoice {number}");
        await Expect(page.Locator("body")).ToContainTextAsync("$20.00");
    }

    [Fact]
    public async Task Money_is_formatted_in_the_subscriptions_currency_M1_K5()
    {
        await Plan("yen", ("JPY", 1500m), ("KWD", 1.250m));
        await Coupon("HALFY", 50, redemptionResource: "subscription");
        string account = await Account("kenji", SuccessCard);
        string yen = await Subscribe(account, "yen", "JPY", "HALFY");
        string dinar = await Subscribe(account, "yen", "KWD");

        await Open(account);

        await Expect(Subscription(yen).Locator("[data-price]")).ToHaveTextAsync(new Regex(@"^\s*¥1,500\s+¥750\s*$"));
        await Expect(Subscription(yen).Locator("[data-next-invoice]")).ToContainTextAsync("¥750");
        await Expect(Subscription(dinar).Locator("[data-price]")).ToHaveTextAsync(new Regex(@"^\s*KWD 1\.250\s*$"));
        await Expect(page.Locator("[data-invoice] td", new PageLocatorOptions { HasTextString = "¥750" }).First).ToBeVisibleAsync();
        await Screen("my-account-jpy");
    }

    [Fact]
    public async Task An_expired_link_and_a_tampered_link_are_refused_and_open_nothing_K5()
    {
        string account = await Account("eve");
        string url = await Link(account);
        string token = url[(url.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        string[] parts = token.Split('.');

        string otherAccount = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("someone-else")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        foreach (string tampered in new[] { $"{parts[0]}.{otherAccount}.{parts[2]}", $"{long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{parts[1]}.{parts[2]}", $"{parts[0]}.{parts[1]}.{Flip(parts[2])}" })
        {
            var refused = await page.GotoAsync($"{host.BaseUrl}/my-account/open?token={tampered}");
            Assert.Equal(401, refused!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("This link is not valid");
            await Expect(page.Locator("[data-refused]")).ToHaveAttributeAsync("data-refused", "invalid");
        }

        await Screen("my-account-link-refused");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "billing.my-account");
        await page.GotoAsync($"{host.BaseUrl}/my-account");
        await Expect(page).ToHaveURLAsync(new Regex(@"/my-account/open$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Open your account");

        var now = (await host.ApiAsync(HttpMethod.Get, "/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        await host.ApiAsync(HttpMethod.Post, "/api/test-clock", new { now = now.AddHours(1).AddSeconds(1) });
        var expired = await page.GotoAsync(url);
        Assert.Equal(401, expired!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("This link has expired");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "billing.my-account");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(account);
    }

    [Fact]
    public async Task Redeeming_a_code_on_the_page_changes_the_next_invoice_preview_and_an_unknown_code_is_refused_R1_I7()
    {
        await Plan("pro", ("USD", 20.00m));
        await Coupon("QUARTER", 25);
        string account = await Account("rob", SuccessCard);
        string id = await Subscribe(account, "pro", "USD");
        await Open(account);
        var subscription = Subscription(id);
        await Expect(subscription.Locator("[data-price]")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s*$"));
        await Expect(subscription.Locator("[data-next-invoice]")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s*$"));

        await page.FillAsync("#coupon-code", $"NOPE{suffix}");
        await page.ClickAsync("form:has(#coupon-code) button");
        await Expect(page.Locator("[data-refusal]")).ToHaveTextAsync($"No redeemable coupon has the code 'NOPE{suffix}'.");
        await Expect(subscription.Locator("[data-next-invoice]")).ToHaveTextAsync(new Regex(@"^\s*\$20\.00\s*$"));

        await page.FillAsync("#coupon-code", Code("QUARTER"));
        await page.ClickAsync("form:has(#coupon-code) button");

        await Expect(page.Locator(".flash")).ToHaveTextAsync($"Coupon {Code("QUARTER")} is redeemed: it discounts your next invoice.");
        await Expect(subscription.Locator("[data-next-invoice]")).ToContainTextAsync(new Regex(@"^\s*\$15\.00 \(after \$5\.00 off with " + Regex.Escape(Code("QUARTER")) + @"\)"));
        await Expect(subscription.Locator($"[data-coupon='{Code("QUARTER")}']")).ToContainTextAsync("25% off, forever");
        await Screen("my-account-redeemed");
        var redemptions = (await host.ApiAsync(HttpMethod.Get, $"/api/accounts/{account}/redemptions")).GetRawText();
        Assert.Contains(Code("QUARTER"), redemptions, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_next_invoice_shows_what_is_due_after_the_accounts_credit_P5_I7()
    {
        await Plan("pro", ("USD", 20.00m));
        string account = await Account("cora", SuccessCard);
        string id = await Subscribe(account, "pro", "USD");
        long number = await FirstInvoice(id);
        await host.ApiAsync(HttpMethod.Post, $"/api/invoices/{number}/refund", new { amount = 5.00m, to = "credit" });

        await Open(account);

        await Expect(page.Locator("[data-credit='USD']")).ToHaveTextAsync("$5.00");
        await Expect(Subscription(id).Locator("[data-next-invoice]")).ToHaveTextAsync(new Regex(@"^\s*\$15\.00 due \(total \$20\.00, \$5\.00 of credit applied\)\s*$"));
    }

    [Fact]
    public async Task Replacing_the_card_with_a_declining_one_shows_the_refusal_and_a_good_one_pays_the_past_due_invoice_P3_P4()
    {
        await Plan("pro", ("USD", 20.00m));
        string account = await Account("dan");
        string id = await Subscribe(account, "pro", "USD");
        long number = await FirstInvoice(id);
        await Open(account);
        await Expect(page.Locator("[data-payment-method]")).ToHaveTextAsync("No card on file.");
        await Expect(page.Locator($"[data-invoice='{number}'] [data-state]")).Not.ToHaveTextAsync("paid");

        await Card(DeclineCard);

        var refusal = page.Locator("[data-refusal]");
        await Expect(refusal).ToHaveTextAsync($"Your card ending in 0002 is saved, but it was declined for invoice {number}, which is still unpaid. Try another card.");
        await Expect(refusal).ToHaveAttributeAsync("data-refusal", "card_declined");
        await Expect(refusal).Not.ToContainTextAsync("past_due");
        await Expect(page.Locator("[data-payment-method]")).ToHaveTextAsync("Visa ending in 0002, expires 12/2040");
        await Screen("my-account-card-declined");

        await Card(SuccessCard);

        await Expect(page.Locator(".flash")).ToHaveTextAsync("Your card ending in 4242 is saved. Your unpaid invoices are paid.");
        await Expect(page.Locator("[data-payment-method]")).ToHaveTextAsync("Visa ending in 4242, expires 12/2040");
        await Expect(page.Locator($"[data-invoice='{number}'] [data-state]")).ToHaveTextAsync("paid");
        Assert.Equal("paid", (await host.ApiAsync(HttpMethod.Get, $"/api/invoices/{number}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Cancel_at_period_end_shows_the_end_and_Keep_my_subscription_undoes_it_S9()
    {
        await Plan("pro", ("USD", 20.00m));
        string account = await Account("cal", SuccessCard);
        string id = await Subscribe(account, "pro", "USD");
        string periodEnd = Ui((await host.ApiAsync(HttpMethod.Get, $"/api/subscriptions/{id}")).GetProperty("current_period_end").GetDateTimeOffset());
        await Open(account);
        var subscription = Subscription(id);

        await subscription.Locator("button:has-text('Cancel at period end')").ClickAsync();

        await Expect(page.Locator(".flash")).ToHaveTextAsync($"Your subscription to {Code("pro")} is canceled; it ends on {periodEnd}.");
        await Expect(subscription.Locator("[data-state]")).ToHaveTextAsync("canceled at period end");
        await Expect(subscription.Locator("[data-ends]")).ToHaveTextAsync(periodEnd);
        await Expect(subscription.Locator("[data-next-invoice]")).ToHaveCountAsync(0);
        Assert.Equal("canceled", (await host.ApiAsync(HttpMethod.Get, $"/api/subscriptions/{id}")).GetProperty("state").GetString());
        await Screen("my-account-canceled");

        await subscription.Locator("button:has-text('Keep my subscription')").ClickAsync();

        await Expect(page.Locator(".flash")).ToHaveTextAsync($"Your subscription to {Code("pro")} continues; it renews on {periodEnd}.");
        await Expect(subscription.Locator("[data-state]")).ToHaveTextAsync("active");
        await Expect(subscription.Locator("[data-next-renewal]")).ToHaveTextAsync(periodEnd);
        Assert.Equal("active", (await host.ApiAsync(HttpMethod.Get, $"/api/subscriptions/{id}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_second_accounts_link_shows_only_that_account_and_the_first_session_never_reaches_the_seconds_data_K5()
    {
        await Plan("pro", ("USD", 20.00m));
        string first = await Account("first", SuccessCard);
        string second = await Account("second", SuccessCard);
        string firstSubscription = await Subscribe(first, "pro", "USD");
        string secondSubscription = await Subscribe(second, "pro", "USD");
        long secondInvoice = await FirstInvoice(secondSubscription);
        await Open(first);
        var other = await NewPageAsync();

        await other.GotoAsync(await Link(second));

        await Expect(other.Locator("h1 small")).ToHaveTextAsync($"second-{suffix}@example.test");
        await Expect(other.Locator("[data-subscription]")).ToHaveCountAsync(1);
        await Expect(other.Locator($"[data-subscription='{secondSubscription}']")).ToBeVisibleAsync();
        string secondPage = await other.ContentAsync();
        Assert.DoesNotContain(first, secondPage, StringComparison.Ordinal);
        Assert.DoesNotContain(firstSubscription, secondPage, StringComparison.Ordinal);

        // The first account's session, asked for the second's invoice and made to act on the second's subscription.
        var invoice = await page.GotoAsync($"{host.BaseUrl}/my-account/invoices/{secondInvoice}");
        Assert.Equal(404, invoice!.Status);
        await page.GotoAsync($"{host.BaseUrl}/my-account");
        await page.EvaluateAsync(
            "id => { document.querySelectorAll(\"input[name='subscriptionId']\").forEach(i => i.value = id); }",
            secondSubscription);
        await Subscription(firstSubscription).Locator("button:has-text('Cancel at period end')").ClickAsync();
        await Expect(page.Locator("[data-refusal]")).ToHaveTextAsync("Your account has no such subscription.");
        await page.EvaluateAsync(
            "id => { document.querySelectorAll(\"input[name='subscriptionId'], select[name='subscriptionId'] option\").forEach(i => i.value = id); }",
            secondSubscription);
        await page.FillAsync("#coupon-code", "ANYTHING");
        await page.ClickAsync("form:has(#coupon-code) button");
        await Expect(page.Locator("[data-refusal]")).ToHaveTextAsync("Your account has no such subscription.");
        string firstPage = await page.ContentAsync();
        Assert.DoesNotContain(second, firstPage, StringComparison.Ordinal);
        Assert.Equal("active", (await host.ApiAsync(HttpMethod.Get, $"/api/subscriptions/{secondSubscription}")).GetProperty("state").GetString());
        await Expect(page.Locator("h1 small")).ToHaveTextAsync($"first-{suffix}@example.test");

        // The second account's link opened in the first one's browser replaces its session.
        await page.GotoAsync(await Link(second));
        await Expect(page.Locator("h1 small")).ToHaveTextAsync($"second-{suffix}@example.test");
        Assert.DoesNotContain(firstSubscription, await page.ContentAsync(), StringComparison.Ordinal);
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        contexts.Add(context);
        var newPage = await context.NewPageAsync();
        newPage.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 4", StringComparison.Ordinal))
            {
                consoleErrors.Add($"{newPage.Url}: {message.Text}");
            }
        };
        newPage.PageError += (_, error) => consoleErrors.Add($"{newPage.Url}: {error}");
        newPage.Dialog += (_, dialog) => consoleErrors.Add($"{newPage.Url}: a dialog opened: {dialog.Message}");
        return newPage;
    }

    private string Code(string name) => $"{name}-{suffix}";

    private ILocator Subscription(string id) => page.Locator($"[data-subscription='{id}']");

    private Task Plan(string name, params (string Currency, decimal Amount)[] prices) =>
        host.ApiAsync(HttpMethod.Post, "/api/plans", new
        {
            code = Code(name),
            name = "Pro " + name,
            interval = new { length = 1, unit = "month" },
            currencies = prices.Select(p => new { currency = p.Currency, unit_amount = p.Amount, setup_fee = 0m }).ToArray(),
        });

    private Task Coupon(string name, int percent, string redemptionResource = "account", object? duration = null) =>
        host.ApiAsync(HttpMethod.Post, "/api/coupons", new
        {
            code = Code(name),
            name = $"{percent}% off",
            discount = new { type = "percent", percent },
            duration = duration ?? new { type = "forever" },
            redemption_resource = redemptionResource,
        });

    /// <summary>An account (with a card when one is given), by its code.</summary>
    private async Task<string> Account(string name, string? card = null)
    {
        string code = Code(name);
        await host.ApiAsync(HttpMethod.Post, "/api/accounts", new { code, email = $"{name}-{suffix}@example.test", country = "US" });
        if (card is not null)
        {
            await host.ApiAsync(HttpMethod.Put, $"/api/accounts/{code}/payment-method", new { card_number = card, exp_month = 12, exp_year = 2040, cvc = "123" });
        }

        return code;
    }

    private async Task<string> Subscribe(string account, string plan, string currency, string? coupon = null)
    {
        var subscription = await host.ApiAsync(HttpMethod.Post, "/api/subscriptions", new
        {
            account_code = account,
            plan_code = Code(plan),
            currency,
            coupon_codes = coupon is null ? null : new[] { Code(coupon) },
        });

        // The first invoice is collected from the card when its issue event is delivered (P2).
        await host.DeliverEventsAsync();
        return subscription.GetProperty("id").GetString()!;
    }

    private async Task<long> FirstInvoice(string subscriptionId)
    {
        var invoices = await host.ApiAsync(HttpMethod.Get, $"/api/invoices?subscription_id={subscriptionId}");
        return invoices.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("number").GetInt64()).Min();
    }

    private async Task<string> Link(string account) =>
        (await host.ApiAsync(HttpMethod.Post, $"/api/accounts/{account}/portal-links")).GetProperty("url").GetString()!;

    private async Task Open(string account)
    {
        await page.GotoAsync(await Link(account));
        await Expect(page).ToHaveURLAsync(new Regex(@"/my-account$"));
    }

    private async Task Card(string number)
    {
        await page.FillAsync("#card-number", number);
        await page.FillAsync("#exp-month", "12");
        await page.FillAsync("#exp-year", "2040");
        await page.FillAsync("#cvc", "123");
        await page.ClickAsync("button:has-text('Replace card')");
    }

    /// <summary>The first character of a base64url signature changed: the same length, another value.</summary>
    private static string Flip(string signature) => (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

    private static string Ui(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The page at phone width (the context's viewport), into the test output's screenshots folder.</summary>
    private Task Screen(string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardHost.ScreenshotDirectory, $"{name}-phone.png"), FullPage = true });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage target) => Assertions.Expect(target);
}
