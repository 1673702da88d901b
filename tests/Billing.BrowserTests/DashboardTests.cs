using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Billing.BrowserTests;

/// <summary>The operator dashboard (D1–D4) in a real browser, signed in through the sign-in page (issue 17).</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardHost host) : IAsyncLifetime
{
    private readonly List<string> consoleErrors = [];
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
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
    public async Task An_admin_creates_a_percent_coupon_through_the_form_and_finds_it_by_code_name_and_discount_D1()
    {
        await SignInAs(DashboardHost.AdminToken);
        await CreateCoupon(code: "pct-form", name: "Spring percent", percent: "15");
        await Expect(page.Locator("h1")).ToContainTextAsync("Spring percent");
        await Screens("coupon-overview");

        // The search matches a part of the code or the name, ignoring case; the discount is a filter of its type (D1).
        foreach (string query in new[] { "q=PCT-FORM", "q=spring", "discount=percent", "q=pct&discount=percent" })
        {
            await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons?{query}");
            await Expect(page.Locator("table tbody")).ToContainTextAsync("pct-form");
        }

        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons?q=pct-form&discount=fixed");
        await Expect(page.Locator("table tbody")).ToContainTextAsync("No coupon matches.");
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons");
        await page.FillAsync("[name='q']", "spring");
        await page.SelectOptionAsync("[name='discount']", "percent");
        await page.ClickAsync("form.search button");
        await Expect(page.Locator("table tbody")).ToContainTextAsync("pct-form");
        await Expect(page.Locator("[name='discount']")).ToHaveValueAsync("percent");

        await page.ClickAsync("table a:has-text('pct-form')");
        await page.ClickAsync("a:has-text('Edit')");
        await page.FillAsync("[name='Name']", "Spring percent, renamed");
        await Screens("coupon-edit");
        await page.ClickAsync("button:has-text('Save')");
        await Expect(page.Locator("h1")).ToContainTextAsync("Spring percent, renamed");

        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons/settings");
        await Expect(page.Locator("[name='TimeZone']")).ToHaveValueAsync(new Regex(".+"));
        await Screens("coupon-settings");

        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons?q=nothing-like-this");
        await Expect(page.Locator("table tbody")).ToContainTextAsync("No coupon matches.");
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons");
        await Screens("coupons");
    }

    [Fact]
    public async Task The_coupons_table_pages_newest_first_and_Next_page_keeps_the_search_and_the_tab_D1()
    {
        // The test clock stands still: a millisecond between coupons gives each its own creation instant.
        var created = new List<string>();
        JsonElement last = default;
        for (int n = 1; n <= 45; n++)
        {
            var now = (await host.ApiAsync(HttpMethod.Get, "/api/test-clock")).GetProperty("now").GetDateTimeOffset();
            await host.ApiAsync(HttpMethod.Post, "/api/test-clock", new { now = now.AddMilliseconds(1) });
            string code = $"pager-{n:00}";
            object discount = n % 3 == 0
                ? new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 1.00m } } }
                : new { type = "percent", percent = 5 };
            last = await host.ApiAsync(HttpMethod.Post, "/api/coupons", new { code, name = $"Pager coupon {n}", discount, duration = new { type = "forever" } });
            created.Add(code);
        }

        await host.ApiAsync(HttpMethod.Post, $"/api/coupons/{last.GetProperty("id").GetString()}/expire");
        await SignInAs(DashboardHost.AdminToken);
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons?q=PAGER-");

        // 44 redeemable coupons match: pages of 20, 20 and 4, newest first, each once; Next keeps q and the tab (D1).
        var pages = new List<IReadOnlyList<string>>();
        var next = page.Locator("nav[data-pager='cursor'] a[rel='next']");
        while (true)
        {
            pages.Add(await page.Locator("table tbody td:first-child a").AllInnerTextsAsync());
            if (await next.CountAsync() == 0)
            {
                break;
            }

            await next.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("q=PAGER-"));
        }

        Assert.Equal([20, 20, 4], pages.Select(p => p.Count));
        Assert.Equal(created.Take(44).Reverse(), pages.SelectMany(p => p));
        await page.ClickAsync("nav[data-pager='cursor'] a:has-text('First page')");
        Assert.Equal(pages[0], await page.Locator("table tbody td:first-child a").AllInnerTextsAsync());

        // The discount filter pages the same way: 14 fixed coupons among the redeemable ones, one page.
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons?q=pager-&discount=fixed");
        Assert.Equal(created.Take(44).Where((_, i) => (i + 1) % 3 == 0).Reverse(), await page.Locator("table tbody td:first-child a").AllInnerTextsAsync());
        await Expect(next).ToHaveCountAsync(0);

        await page.ClickAsync("nav.tabs a:has-text('Expired')");
        Assert.Equal(["pager-45"], await page.Locator("table tbody td:first-child a").AllInnerTextsAsync());
    }

    [Fact]
    public async Task A_bulk_coupon_made_in_the_form_generates_100_codes_whose_CSV_has_a_row_each_and_expires_and_restores_C12_C14_C16()
    {
        await SignInAs(DashboardHost.AdminToken);
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons/new");
        await page.FillAsync("[name='Form.Code']", "bulk-form");
        await page.FillAsync("[name='Form.Name']", "Bulk from the form");
        await page.FillAsync("[name='Form.Percent']", "20");
        await page.SelectOptionAsync("[name='Form.CouponType']", "bulk");
        await page.FillAsync("[name='Form.UniqueCodeTemplate']", "'BF-'xx99**");
        await Screens("coupon-new");
        await page.ClickAsync("button:has-text('Create coupon')");
        await Expect(page.Locator("h1")).ToContainTextAsync("Bulk from the form");

        await page.FillAsync("[name='count']", "100");
        await page.ClickAsync("button:has-text('Generate codes')");
        await Expect(page.Locator(".flash")).ToContainTextAsync("100 codes generated.");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-codes"));
        string csv = await File.ReadAllTextAsync(await download.PathAsync());
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("code,coupon_id,state", lines[0], StringComparison.Ordinal);
        Assert.Equal(100, lines.Skip(1).Count(l => Regex.IsMatch(l, "^BF-[a-z]{2}[0-9]{2}[a-z0-9]{2},[^,]+,redeemable,", RegexOptions.IgnoreCase)));
        Assert.Equal(100, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal).Count());

        // Issue 17: the overview pages the codes (it showed the first 200): following Next page shows each code once, in the CSV's order.
        var shown = new List<string>();
        var next = page.Locator("nav[data-pager='codes_cursor'] a[rel='next']");
        while (true)
        {
            shown.AddRange(await page.Locator("section:has(h2:text-is('Unique codes')) tbody code").AllInnerTextsAsync());
            if (await next.CountAsync() == 0)
            {
                break;
            }

            await next.ClickAsync();
        }

        Assert.Equal(lines.Skip(1).Select(l => l.Split(',')[0]), shown);
        await page.ClickAsync("nav[data-pager='codes_cursor'] a:has-text('First page')");
        Assert.Equal(shown.Take(20), await page.Locator("section:has(h2:text-is('Unique codes')) tbody code").AllInnerTextsAsync());

        await page.ClickAsync("button:has-text('Expire now')");
        await Expect(page.Locator(".badge")).ToContainTextAsync("expired");
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons?state=expired&q=bulk-form");
        await Expect(page.Locator("table tbody")).ToContainTextAsync("bulk-form");
        await page.ClickAsync("text=bulk-form");
        await page.ClickAsync("button:has-text('Restore')");
        await Expect(page.Locator(".badge")).ToContainTextAsync("redeemable");
    }

    [Fact]
    public async Task A_refused_form_shows_the_APIs_message_next_to_the_field_and_creates_nothing_C4()
    {
        await SignInAs(DashboardHost.AdminToken);
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons/new");
        await page.FillAsync("[name='Form.Code']", "too-much");
        await page.FillAsync("[name='Form.Name']", "Too much");
        await page.FillAsync("[name='Form.Percent']", "150");
        await page.ClickAsync("button:has-text('Create coupon')");
        await Expect(page.Locator(".field-error[data-field='discount.percent']")).ToBeVisibleAsync();
        await Expect(page.Locator("[name='Form.Code']")).ToHaveValueAsync("too-much");
        await Screens("coupon-refused");
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons?q=too-much");
        await Expect(page.Locator("table tbody")).ToContainTextAsync("No coupon matches.");
    }

    [Fact]
    public async Task A_coupon_named_like_a_script_renders_as_text()
    {
        await SignInAs(DashboardHost.AdminToken);
        await CreateCoupon(code: "xss", name: "<script>alert(1)</script>", percent: "5");
        await Expect(page.Locator("h1")).ToContainTextAsync("<script>alert(1)</script>");
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons?q=xss");
        await Expect(page.Locator("table tbody")).ToContainTextAsync("<script>alert(1)</script>");
    }

    [Fact]
    public async Task The_overview_chart_draws_after_redemptions_and_the_conversion_report_shows_the_days_sales_D2_D4()
    {
        await host.ApiAsync(HttpMethod.Post, "/api/plans", new
        {
            code = "chart-plan",
            name = "Chart plan",
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = 15.00m, setup_fee = 0m } },
        });
        var coupon = await host.ApiAsync(HttpMethod.Post, "/api/coupons", new
        {
            code = "chart10",
            name = "Chart ten",
            discount = new { type = "percent", percent = 10 },
            duration = new { type = "forever" },
        });
        for (int n = 1; n <= 3; n++)
        {
            await host.ApiAsync(HttpMethod.Post, "/api/accounts", new { code = $"chart-acct-{n}", email = $"a{n}@chart.test", country = "US" });
            await host.ApiAsync(HttpMethod.Post, "/api/subscriptions", new { account_code = $"chart-acct-{n}", plan_code = "chart-plan", currency = "USD", coupon_codes = new[] { "chart10" } });
        }

        await SignInAs(DashboardHost.AdminToken);
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons/{coupon.GetProperty("id").GetString()}");
        await Expect(page.Locator("[data-testid='times-redeemed']")).ToHaveTextAsync("3");
        await page.WaitForFunctionAsync(CanvasHasPixels, "#redemptions-chart");
        await Screens("coupon-overview-chart");

        await page.GotoAsync($"{host.BaseUrl}/dashboard/accounts?code=chart-acct-1");
        await Expect(page.Locator("section", new PageLocatorOptions { HasText = "Redemptions" })).ToContainTextAsync("chart10");
        await Screens("account");
        await page.Locator("section:has-text('Invoices') tbody a").First.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Invoice");
        await page.GotoAsync($"{host.BaseUrl}/dashboard/invoices/1");
        await Expect(page.Locator("h1")).ToContainTextAsync("Invoice 1");
        await Screens("invoice");

        await host.ApiAsync(HttpMethod.Post, "/api/tracking/conversion-types", new { code = "couponredeem", name = "Coupon redeem" });
        var opened = await host.ApiAsync(HttpMethod.Post, "/api/tracking/conversions", new { couponCode = "chart10", conversionTypeCode = "couponredeem" }, camelCase: true);
        await host.ApiAsync(HttpMethod.Post, "/api/tracking/conversions", new
        {
            cid = opened.GetProperty("cid").GetString(),
            conversionTypeCode = "sale",
            amount = new { value = "13.5" },
            externalId = "ch_browser_1",
        }, camelCase: true);
        await page.GotoAsync($"{host.BaseUrl}/dashboard/conversions");
        await Expect(page.Locator("#report tbody tr", new PageLocatorOptions { HasText = "sale" })).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#report tbody")).ToContainTextAsync("chart10");
        await page.WaitForFunctionAsync(CanvasHasPixels, "#conversions-chart");
        await Screens("conversions");
    }

    [Fact]
    public async Task A_business_sign_in_sees_no_edit_controls_and_a_forged_POST_is_refused_with_403()
    {
        var coupon = await host.ApiAsync(HttpMethod.Post, "/api/coupons", new
        {
            code = "biz-bulk",
            name = "Business reads",
            discount = new { type = "percent", percent = 10 },
            coupon_type = "bulk",
            unique_code_template = "'BZ-'99**",
        });
        string id = coupon.GetProperty("id").GetString()!;

        await SignInAs(DashboardHost.BusinessToken);
        await Expect(page.Locator(".role")).ToHaveTextAsync("business");
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons");
        await Expect(page.Locator("[data-edit]")).ToHaveCountAsync(0);
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons/{id}");
        await Expect(page.Locator("h1")).ToContainTextAsync("Business reads");
        await Expect(page.Locator("[data-edit]")).ToHaveCountAsync(0);
        await Expect(page.Locator("button:has-text('Expire now')")).ToHaveCountAsync(0);

        // The sign-out form's antiforgery token is a valid one of this session: the POST is refused for the role, not the token.
        string antiforgery = await page.InputValueAsync("input[name='__RequestVerificationToken']");
        var form = context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", antiforgery);
        var forged = await context.APIRequest.PostAsync($"{host.BaseUrl}/dashboard/coupons/{id}?handler=Expire", new APIRequestContextOptions { Form = form });
        Assert.Equal(403, forged.Status);
        var after = await host.ApiAsync(HttpMethod.Get, $"/api/coupons/{id}");
        Assert.Equal("redeemable", after.GetProperty("state").GetString());
        var jobs = await context.APIRequest.GetAsync($"{host.BaseUrl}/hangfire");
        Assert.Equal(403, jobs.Status); // the Hangfire dashboard is an admin's, whatever the sign-in

        await page.ClickAsync("button:has-text('Sign out')");
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard/sign-in$"));
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons");
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard/sign-in"));
    }

    [Fact]
    public async Task The_sign_in_page_refuses_an_unknown_token_and_the_cookie_is_HttpOnly_and_SameSite_Strict()
    {
        await page.GotoAsync($"{host.BaseUrl}/dashboard/sign-in");
        await Screens("sign-in");
        await page.FillAsync("#token", "not-a-token");
        await page.ClickAsync("button:has-text('Sign in')");
        await Expect(page.Locator(".field-error[data-field='token']")).ToBeVisibleAsync();

        await SignInAs(DashboardHost.AdminToken);
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "billing.dashboard");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        await page.GotoAsync($"{host.BaseUrl}/dashboard/jobs");
        await Expect(page.Locator("a[href='/hangfire']")).ToBeVisibleAsync();
        await Screens("jobs");
        var jobs = await context.APIRequest.GetAsync($"{host.BaseUrl}/hangfire");
        Assert.Equal(200, jobs.Status); // the Hangfire dashboard accepts the same sign-in (issue 17)
    }

    private const string CanvasHasPixels =
        """
        (selector) => {
          const canvas = document.querySelector(selector);
          if (!canvas || canvas.width === 0) return false;
          const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
          return false;
        }
        """;

    private static IPageAssertions Expect(IPage target) => Assertions.Expect(target);

    private static ILocatorAssertions Expect(ILocator target) => Assertions.Expect(target);

    private async Task SignInAs(string token)
    {
        await page.GotoAsync($"{host.BaseUrl}/dashboard/sign-in");
        await page.FillAsync("#token", token);
        await page.ClickAsync("button:has-text('Sign in')");
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard/coupons"));
    }

    private async Task CreateCoupon(string code, string name, string percent)
    {
        await page.GotoAsync($"{host.BaseUrl}/dashboard/coupons/new");
        await page.FillAsync("[name='Form.Code']", code);
        await page.FillAsync("[name='Form.Name']", name);
        await page.FillAsync("[name='Form.Percent']", percent);
        await page.ClickAsync("button:has-text('Create coupon')");
    }

    /// <summary>The page at desktop and phone widths, into the test output's screenshots folder.</summary>
    private async Task Screens(string name)
    {
        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardHost.ScreenshotDirectory, $"{name}-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardHost.ScreenshotDirectory, $"{name}-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);
    }
}
