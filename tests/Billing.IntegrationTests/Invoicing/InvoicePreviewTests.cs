using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// I7 through HTTP: <c>POST /api/invoices/preview</c> for a subscription's next invoice or for a would-be purchase,
/// computed by the engine that issues invoices, and storing nothing at all.
/// </summary>
public sealed class InvoicePreviewTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private Task<HttpResponseMessage> Preview(object body) => api.Business().PostJson("/api/invoices/preview", body);

    private async Task<DateTimeOffset> Now() => (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();

    private async Task<JsonElement> Subscribe(string account, string plan, bool withAddOn, params string[] couponCodes) =>
        await api.Business().PostJson("/api/subscriptions", new
        {
            account_code = account,
            plan_code = plan,
            currency = "USD",
            add_ons = withAddOn ? new[] { new { code = "extra", quantity = 1 } } : null,
            coupon_codes = couponCodes,
        }).Created();

    private async Task<string> Coupon(string code, object terms)
    {
        var body = JsonSerializer.SerializeToNode(terms, BillingApiFactory.Json)!.AsObject();
        body["code"] = code;
        body["name"] ??= code;
        body["discount"] ??= JsonSerializer.SerializeToNode(new { type = "percent", percent = 10 });
        return (await api.Admin().PostAsync("/api/coupons", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")).Created())
            .GetProperty("id").GetString()!;
    }

    /// <summary>Plan A of seed 004 with a 14-day trial.</summary>
    private Task<JsonElement> TrialPlan(string code) =>
        api.Admin().PostJson("/api/plans", new
        {
            code,
            name = "Plan T",
            interval = new { length = 1, unit = "month" },
            trial = new { length = 14, unit = "day" },
            currencies = new[] { new { currency = "USD", unit_amount = 15.00m, setup_fee = 50.00m } },
            add_ons = new[] { new { code = "extra", name = "Extra seats", currencies = new[] { new { currency = "USD", unit_amount = 7.00m } } } },
        }).Created();

    private async Task<JsonElement> RenewalAfter(string subscriptionId, DateTimeOffset periodEnd)
    {
        await api.Admin().PostJson("/api/test-clock", new { now = periodEnd.AddMinutes(1) }).Ok();
        await api.Admin().PostAsync("/api/bill-runs", null);
        return (await api.Business().GetJson($"/api/invoices?subscription_id={subscriptionId}")).GetProperty("data").EnumerateArray().Last();
    }

    /// <summary>An invoice without what only issuing gives it: its number, state and creation time.</summary>
    private static string Comparable(JsonElement invoice)
    {
        var node = JsonNode.Parse(invoice.GetRawText())!.AsObject();
        node.Remove("number");
        node.Remove("state");
        node.Remove("created_at");
        return node.ToJsonString();
    }

    private static decimal[] Discounts(JsonElement invoice) =>
        [.. invoice.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("discount").GetDecimal())];

    [Fact]
    public async Task The_preview_of_a_subscription_s_next_invoice_is_the_renewal_it_then_gets_line_for_line_I7()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        string code = $"SAVE10-{scenario.Suffix}";
        await scenario.PlanA(plan);
        await scenario.Account(account, taxRate: 8.25m);
        await scenario.PercentCoupon(code, 10, invoiceDescription: "10% off for early adopters");
        var subscription = await Subscribe(account, plan, withAddOn: true, code);
        string id = subscription.GetProperty("id").GetString()!;
        var periodEnd = subscription.GetProperty("current_period_end").GetDateTimeOffset();
        string redemptionId = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data")[0].GetProperty("id").GetString()!;

        var preview = await Preview(new { subscription_id = id }).Ok();

        Assert.Equal(JsonValueKind.Null, preview.GetProperty("number").ValueKind);
        Assert.Equal("preview", preview.GetProperty("state").GetString());
        Assert.Equal(account, preview.GetProperty("account_code").GetString());
        Assert.Equal(periodEnd, preview.GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal(["plan", "add_on"], preview.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("type").GetString()));
        Assert.Equal([1.50m, 0.70m], Discounts(preview));
        Assert.Equal(21.43m, preview.GetProperty("total").GetDecimal());
        Assert.Equal(redemptionId, preview.GetProperty("lines")[0].GetProperty("discounts")[0].GetProperty("redemption_id").GetString());
        Assert.Equal("Discounts applied: 10% off for early adopters", preview.GetProperty("notes").GetString());

        var renewal = await RenewalAfter(id, periodEnd);

        Assert.Equal("pending", renewal.GetProperty("state").GetString());
        Assert.Equal(Comparable(preview), Comparable(renewal));
    }

    [Theory]
    [InlineData("forever", 0, 1.50)]
    [InlineData("single_use", 0, 0)]
    [InlineData("billing_periods", 2, 1.50)]
    [InlineData("billing_periods", 1, 0)]
    [InlineData("temporal", 1, 0)]
    [InlineData("temporal", 2, 1.50)]
    public async Task The_next_invoice_preview_applies_only_redemptions_that_still_run_when_its_period_starts_R5(string duration, int length, double discount)
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        string code = $"DUR-{scenario.Suffix}";
        await scenario.PlanA(plan);
        await scenario.Account(account);
        await Coupon(code, new
        {
            duration = duration switch
            {
                "temporal" => (object)new { type = duration, amount = length, unit = "month" },
                "billing_periods" => new { type = duration, periods = length },
                _ => new { type = duration },
            },
        });
        var subscription = await Subscribe(account, plan, withAddOn: false, code);

        var preview = await Preview(new { subscription_id = subscription.GetProperty("id").GetString() }).Ok();
        var renewal = await RenewalAfter(subscription.GetProperty("id").GetString()!, subscription.GetProperty("current_period_end").GetDateTimeOffset());

        Assert.Equal(1.50m, Discounts(subscription.GetProperty("invoice"))[1]);
        Assert.Equal([(decimal)discount], Discounts(preview));
        Assert.Equal(Comparable(preview), Comparable(renewal));
    }

    [Fact]
    public async Task After_a_trial_the_next_invoice_preview_is_the_first_paid_period_with_the_coupon_the_trial_invoice_left_unused_R9()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("trial");
        string account = scenario.Code("acct");
        string code = $"ONCE-{scenario.Suffix}";
        await TrialPlan(plan);
        await scenario.Account(account);
        await Coupon(code, new { duration = new { type = "single_use" } });
        var subscription = await Subscribe(account, plan, withAddOn: true, code);
        var trialEnd = subscription.GetProperty("current_period_end").GetDateTimeOffset();

        var preview = await Preview(new { subscription_id = subscription.GetProperty("id").GetString() }).Ok();
        var firstPaid = await RenewalAfter(subscription.GetProperty("id").GetString()!, trialEnd);

        Assert.Equal("in_trial", subscription.GetProperty("state").GetString());
        Assert.Equal([0m, 0m], Discounts(subscription.GetProperty("invoice")));
        Assert.Equal(trialEnd, preview.GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal(["plan", "add_on"], preview.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("type").GetString()));
        Assert.Equal([1.50m, 0.70m], Discounts(preview));
        Assert.Equal(Comparable(preview), Comparable(firstPaid));
    }

    [Fact]
    public async Task A_purchase_preview_is_the_first_invoice_with_setup_fee_and_coupon_and_no_tax_without_an_account_I7()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string code = $"BUY10-{scenario.Suffix}";
        await scenario.PlanA(plan);
        string couponId = await Coupon(code, new { invoice_description = "10% off your purchase" });
        var now = await Now();

        var preview = await Preview(new { plan_code = plan, currency = "USD", coupon_code = code.ToLowerInvariant(), quantity = 2, add_ons = new[] { new { code = "extra", quantity = 1 } } }).Ok();

        Assert.Equal(JsonValueKind.Null, preview.GetProperty("number").ValueKind);
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("account_code").ValueKind);
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("subscription_id").ValueKind);
        Assert.Equal("preview", preview.GetProperty("state").GetString());
        Assert.Equal(now, preview.GetProperty("period_start").GetDateTimeOffset());
        var lines = preview.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["setup_fee", "plan", "add_on"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal(2, lines[1].GetProperty("quantity").GetInt32());
        Assert.Equal([0m, 3.00m, 0.70m], Discounts(preview));
        Assert.Equal(0m, preview.GetProperty("tax_total").GetDecimal());
        Assert.Equal(83.30m, preview.GetProperty("total").GetDecimal());
        Assert.Equal([code], preview.GetProperty("coupon_codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("discounts")[0].GetProperty("redemption_id").ValueKind);
        Assert.Equal("Discounts applied: 10% off your purchase", preview.GetProperty("notes").GetString());
        Assert.Equal(0, (await api.Business().GetJson($"/api/coupons/{couponId}")).GetProperty("times_redeemed").GetInt32());
    }

    [Fact]
    public async Task A_purchase_preview_for_an_account_uses_its_tax_rate_and_the_account_level_redemption_the_coupon_would_replace_C17_I4()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        string old = $"OLD-{scenario.Suffix}";
        string fiveOff = $"FIVE-{scenario.Suffix}";
        await scenario.PlanA(plan);
        await scenario.Account(account, taxRate: 10m);
        await Coupon(old, new { });
        await Coupon(fiveOff, new { discount = new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 5m } } } });
        string oldRedemption = (await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = old, currency = "USD" }).Created()).GetProperty("id").GetString()!;

        var withoutCoupon = await Preview(new { plan_code = plan, currency = "USD", account_code = account }).Ok();
        var withCoupon = await Preview(new { plan_code = plan, currency = "USD", account_code = account, coupon_code = fiveOff }).Ok();

        // Setup fee 50.00 + tax 5.00; plan 15.00 - 1.50 (OLD, 10%) + tax 1.35.
        Assert.Equal(account, withoutCoupon.GetProperty("account_code").GetString());
        Assert.Equal([0m, 1.50m], Discounts(withoutCoupon));
        Assert.Equal(6.35m, withoutCoupon.GetProperty("tax_total").GetDecimal());
        Assert.Equal(69.85m, withoutCoupon.GetProperty("total").GetDecimal());
        Assert.Equal(oldRedemption, withoutCoupon.GetProperty("lines")[1].GetProperty("discounts")[0].GetProperty("redemption_id").GetString());

        // One coupon per account: FIVE would replace OLD; 5.00 off the setup fee first: 45.00 + 4.50, 15.00 + 1.50.
        Assert.Equal([5.00m, 0m], Discounts(withCoupon));
        Assert.Equal([fiveOff], withCoupon.GetProperty("coupon_codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(66.00m, withCoupon.GetProperty("total").GetDecimal());
        Assert.Equal("active", (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_purchase_preview_of_a_plan_with_a_trial_is_the_trial_invoice_which_only_a_fixed_coupon_discounts_through_its_setup_fee_R9()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("trial");
        string percent = $"PCT-{scenario.Suffix}";
        string fixedOff = $"FIX-{scenario.Suffix}";
        await TrialPlan(plan);
        await Coupon(percent, new { discount = new { type = "percent", percent = 50 } });
        await Coupon(fixedOff, new { discount = new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 20m } } } });
        var now = await Now();

        var withPercent = await Preview(new { plan_code = plan, currency = "USD", coupon_code = percent }).Ok();
        var withFixed = await Preview(new { plan_code = plan, currency = "USD", coupon_code = fixedOff }).Ok();

        Assert.Equal(now.AddDays(14), withPercent.GetProperty("period_end").GetDateTimeOffset());
        Assert.Equal(["setup_fee", "plan"], withPercent.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("type").GetString()));
        Assert.Equal([0m, 0m], Discounts(withPercent));
        Assert.Empty(withPercent.GetProperty("coupon_codes").EnumerateArray());
        Assert.Equal(50.00m, withPercent.GetProperty("total").GetDecimal());
        Assert.Equal([20.00m, 0m], Discounts(withFixed));
        Assert.Equal(30.00m, withFixed.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_purchase_preview_refuses_a_coupon_plan_or_account_exactly_as_a_purchase_would_R1()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string otherPlan = scenario.Code("other");
        string account = scenario.Code("acct");
        await scenario.PlanA(plan);
        await scenario.PlanA(otherPlan);
        await scenario.Account(account);
        var now = await Now();
        string gone = $"GONE-{scenario.Suffix}";
        string dated = $"DATED-{scenario.Suffix}";
        string capped = $"CAPPED-{scenario.Suffix}";
        string perAccount = $"PERACCT-{scenario.Suffix}";
        string elsewhere = $"ELSEWHERE-{scenario.Suffix}";
        string euros = $"EUROS-{scenario.Suffix}";
        string bulk = $"BULK-{scenario.Suffix}";
        string goneId = await Coupon(gone, new { });
        await Coupon(dated, new { redeem_by = now.AddMinutes(30).ToString("O") });
        await Coupon(capped, new { max_redemptions = 1 });
        await Coupon(perAccount, new { max_redemptions_per_account = 1 });
        await Coupon(elsewhere, new { redemption_resource = "subscription", applies_to = new { all_plans = false, plan_codes = new[] { otherPlan } } });
        await Coupon(euros, new { discount = new { type = "fixed", amounts = new[] { new { currency = "EUR", amount = 5m } } } });
        string bulkId = await Coupon(bulk, new { coupon_type = "bulk", unique_code_template = "'P" + scenario.Suffix + "-'xx99" });
        var codes = (await api.Admin().PostJson($"/api/coupons/{bulkId}/codes", new { count = 3 }).Created()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        await api.Admin().PostAsync($"/api/coupons/{goneId}/expire", null);
        await scenario.Account(scenario.Code("other"));
        await api.Business().PostJson($"/api/accounts/{scenario.Code("other")}/redemptions", new { coupon_code = capped, currency = "USD" }).Created();
        await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = perAccount, currency = "USD" }).Created();
        await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = codes[0], currency = "USD" }).Created();
        await api.Admin().PostAsync($"/api/coupons/{bulkId}/codes/{codes[1]}/expire", null);
        await api.Admin().PostJson("/api/test-clock", new { now = now.AddHours(1) }).Ok();

        Task<HttpResponseMessage> Buy(string? coupon, string planCode = "", string currency = "USD", string? accountCode = null, object? addOns = null) =>
            Preview(new { plan_code = planCode.Length == 0 ? plan : planCode, currency, coupon_code = coupon, account_code = accountCode, add_ons = addOns });

        await (await Buy($"NOSUCH-{scenario.Suffix}")).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        await (await Buy(gone)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "coupon_expired");
        await (await Buy(dated)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "redeem_by_passed");
        await (await Buy(capped)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "max_redemptions_reached");
        await (await Buy(perAccount, accountCode: account)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "max_redemptions_per_account_reached");
        await (await Buy(elsewhere)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "plan_not_eligible");
        await (await Buy(euros)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "currency_not_supported");
        await (await Buy(bulk)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "unique_code_required");
        await (await Buy(codes[0])).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        await (await Buy(codes[1])).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        await (await Buy(null, planCode: $"nosuch-{scenario.Suffix}")).ShouldBeProblem(HttpStatusCode.NotFound, "plan_not_found");
        await (await Buy(null, currency: "EUR")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "currency_not_supported");
        await (await Buy(null, addOns: new[] { new { code = "nosuch", quantity = 1 } })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "add_on_not_found");
        await (await Buy(null, accountCode: $"nobody-{scenario.Suffix}")).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
        await (await Preview(new { subscription_id = "sub_missing" })).ShouldBeProblem(HttpStatusCode.NotFound, "subscription_not_found");
        await Buy(perAccount).Ok();
        await Buy(elsewhere, planCode: otherPlan).Ok();
        await Buy(codes[2]).Ok();
    }

    [Theory]
    [InlineData("""{}""", "subscription_id", "give subscription_id")]
    [InlineData("""{"subscription_id":"sub_x","plan_code":"plan-a"}""", "plan_code", "not both")]
    [InlineData("""{"subscription_id":""}""", "subscription_id", "must not be empty")]
    [InlineData("""{"subscription_id":"sub_x","coupon_code":"SAVE10"}""", "coupon_code", "would-be purchase")]
    [InlineData("""{"subscription_id":"sub_x","currency":"USD"}""", "currency", "would-be purchase")]
    [InlineData("""{"subscription_id":"sub_x","quantity":2}""", "quantity", "would-be purchase")]
    [InlineData("""{"plan_code":"plan-a"}""", "currency", "required with plan_code")]
    [InlineData("""{"plan_code":"plan-a","currency":"XYZ"}""", "currency", "ISO 4217")]
    [InlineData("""{"plan_code":"","currency":"USD"}""", "plan_code", "must not be empty")]
    [InlineData("""{"plan_code":"plan-a","currency":"USD","quantity":0}""", "quantity", "from 1 to 100000")]
    [InlineData("""{"plan_code":"plan-a","currency":"USD","quantity":100001}""", "quantity", "from 1 to 100000")]
    [InlineData("""{"plan_code":"plan-a","currency":"USD","add_ons":[{"code":"extra","quantity":1},{"code":"extra","quantity":2}]}""", "add_ons", "each once")]
    [InlineData("""{"plan_code":"plan-a","currency":"USD","add_ons":[{"code":"","quantity":1}]}""", "add_ons[0].code", "needs a code")]
    [InlineData("""{"plan_code":"plan-a","currency":"USD","add_ons":[{"code":"extra","quantity":0}]}""", "add_ons[0].quantity", "from 1 to 100000")]
    [InlineData("""{"plan_code":"plan-a","currency":"USD","coupon_code":"bad code!"}""", "coupon_code", "letters, digits")]
    [InlineData("""{"plan_code":"plan-a","currency":"USD","account_code":""}""", "account_code", "must not be empty")]
    public async Task A_preview_body_that_is_not_exactly_one_of_the_two_shapes_is_refused_naming_the_field_I7(string body, string field, string message)
    {
        var response = await api.Business().PostAsync("/api/invoices/preview", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"plan_code":"plan-a","currency":"USD","quantity":"two"}""")]
    [InlineData("""{"plan_code":"plan-a","currency":"USD","price":0}""")]
    [InlineData("""{"plan_code":""")]
    public async Task A_preview_body_that_is_not_valid_JSON_for_the_shape_is_a_400_never_a_500(string body)
    {
        var response = await api.Business().PostAsync("/api/invoices/preview", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task Previewing_needs_a_token()
    {
        var response = await api.Anonymous().PostJson("/api/invoices/preview", new { plan_code = "plan-a", currency = "USD" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_preview_takes_no_number_saves_redeems_and_publishes_nothing_so_the_next_issued_invoice_takes_the_next_number_I7_I1()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        string forever = $"KEEP-{scenario.Suffix}";
        string once = $"ONCE-{scenario.Suffix}";
        string limited = $"LIMITED-{scenario.Suffix}";
        await scenario.PlanA(plan);
        await scenario.Account(account, taxRate: 5m);
        await Coupon(forever, new { });
        await Coupon(once, new { duration = new { type = "single_use" }, redemption_resource = "subscription" });
        await Coupon(limited, new { max_redemptions = 1, max_redemptions_per_account = 1, discount = new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 5m } } } });
        string bulkId = await Coupon($"BULK-{scenario.Suffix}", new { coupon_type = "bulk", unique_code_template = "'Q" + scenario.Suffix + "-'xx99" });
        string uniqueCode = (await api.Admin().PostJson($"/api/coupons/{bulkId}/codes", new { count = 1 }).Created()).GetProperty("codes")[0].GetString()!;
        var subscription = await Subscribe(account, plan, withAddOn: true, forever, once);
        await api.DeliverEventsAsync();
        long lastNumber = api.Scalar("SELECT MAX(Number) FROM invoicing_invoices");
        string before = StoredState();

        await Preview(new { subscription_id = subscription.GetProperty("id").GetString() }).Ok();
        await Preview(new { plan_code = plan, currency = "USD", coupon_code = limited }).Ok();
        await Preview(new { plan_code = plan, currency = "USD", coupon_code = limited, account_code = account, quantity = 3, add_ons = new[] { new { code = "extra", quantity = 2 } } }).Ok();
        await Preview(new { plan_code = plan, currency = "USD", coupon_code = uniqueCode }).Ok();
        await Preview(new { plan_code = plan, currency = "USD", account_code = account }).Ok();
        await (await Preview(new { plan_code = plan, currency = "USD", coupon_code = $"NOSUCH-{scenario.Suffix}" })).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        await api.DeliverEventsAsync();

        Assert.Equal(before, StoredState());
        var next = await Subscribe(scenario.Code("acct"), plan, withAddOn: false, limited);
        Assert.Equal(lastNumber + 1, next.GetProperty("invoice").GetProperty("number").GetInt64());
    }

    /// <summary>
    /// Everything a preview could change if it were wrong: invoices, lines and the number counter; redemptions, their
    /// totals and periods; coupon and per-account counters; unique codes; subscriptions; every outbox and inbox table.
    /// </summary>
    [Fact]
    public async Task A_package_is_previewed_as_its_one_time_invoice_and_its_coupon_refusals_are_answered_and_listed_S7_C7_R1_issue_18()
    {
        string suffix = Guid.NewGuid().ToString("N")[..8], package = $"sms-{suffix}", account = $"euro-{suffix}", plan = $"euro-plan-{suffix}";
        await api.Admin().PostJson("/api/packages", new { code = package, name = "100 SMS", currencies = new[] { new { currency = "USD", unit_amount = 10.00m } } }).Created();
        await Coupon($"SMS{suffix}", new { applies_to = new { all_plans = true, non_plan_charges = true } });
        await Coupon($"PLANS{suffix}", new { });
        await api.CheckoutPlan(plan, ("EUR", 30.00m));
        await api.Business().PostJson("/api/accounts", new { code = account, email = $"{account}@example.test", country = "US" }).Created();
        await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "EUR" }).Created();

        await api.Admin().PutJson("/api/settings/coupons", new { one_time_charges_discountable = true }).Ok();
        JsonElement discounted;
        HttpResponseMessage planCharges, unknown, otherCurrency;
        string before, after;
        try
        {
            await api.DeliverEventsAsync();
            before = StoredState();
            discounted = await Preview(new { package_code = package, currency = "USD", coupon_code = $"SMS{suffix}" }).Ok();
            planCharges = await Preview(new { package_code = package, currency = "USD", coupon_code = $"PLANS{suffix}" });
            unknown = await Preview(new { package_code = $"none-{suffix}", currency = "USD" });
            otherCurrency = await Preview(new { package_code = package, currency = "USD", coupon_code = $"SMS{suffix}", account_code = account });
            after = StoredState();
        }
        finally
        {
            await api.Admin().PutJson("/api/settings/coupons", new { one_time_charges_discountable = false }).Ok();
        }

        var line = Assert.Single(discounted.GetProperty("lines").EnumerateArray());
        Assert.Equal("one_time", line.GetProperty("type").GetString());
        Assert.Equal(10.00m, discounted.GetProperty("subtotal").GetDecimal());
        Assert.Equal(9.00m, discounted.GetProperty("total").GetDecimal());
        var notEligible = await planCharges.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "package_not_eligible");
        Assert.Contains("it applies to plan charges only (C7)", notEligible.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await unknown.ShouldBeProblem(HttpStatusCode.NotFound, "package_not_found");
        await otherCurrency.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "currency_not_billed");
        var responses = (await api.Anonymous().GetJson("/openapi/v1.json")).GetProperty("paths").GetProperty("/api/invoices/preview").GetProperty("post").GetProperty("responses");
        string[] refusals = [.. responses.GetProperty("422").GetProperty("x-codes").EnumerateArray().Select(c => c.GetString()!)];
        Assert.Contains("package_not_eligible", refusals);
        Assert.Contains("currency_not_billed", refusals);
        Assert.Contains("package_not_found", responses.GetProperty("404").GetProperty("x-codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(before, after);
    }

    private string StoredState()
    {
        List<string> boxes = [.. api.Tables().Where(table => table.EndsWith("outbox", StringComparison.Ordinal) || table.EndsWith("inbox", StringComparison.Ordinal))];
        Assert.Equal(
            ["coupons_inbox", "coupons_outbox", "invoicing_inbox", "invoicing_outbox", "payments_inbox", "payments_outbox", "platform_inbox", "platform_outbox", "subscriptions_inbox", "subscriptions_outbox", "tracking_inbox", "tracking_outbox", "webhooks_inbox", "webhooks_outbox"],
            boxes);
        string[] queries =
        [
            .. boxes.Select(box => $"SELECT COUNT(*) FROM \"{box}\""),
            "SELECT COUNT(*) FROM invoicing_invoices",
            "SELECT COUNT(*) FROM invoicing_invoice_lines",
            "SELECT COUNT(*) FROM webhooks_events",
            "SELECT NextValue FROM invoicing_sequences WHERE Name = 'invoice'",
            "SELECT COUNT(*) FROM coupons_redemptions",
            "SELECT COUNT(*) FROM coupons_redemptions WHERE State = 'active'",
            "SELECT COALESCE(SUM(PeriodsDiscounted), 0) FROM coupons_redemptions",
            "SELECT COALESCE(SUM(DiscountedMinor), 0) FROM coupons_redemptions",
            "SELECT COALESCE(SUM(TimesRedeemed), 0) FROM coupons_coupons",
            "SELECT COUNT(*) FROM coupons_coupons WHERE State = 'redeemable'",
            "SELECT COALESCE(SUM(Redemptions), 0) FROM coupons_account_redemptions",
            "SELECT COUNT(*) FROM coupons_unique_codes WHERE State = 'redeemable'",
            "SELECT COUNT(*) FROM subscriptions_subscriptions",
        ];
        return string.Join('\n', queries.Select(q => $"{q} -> {api.Scalar(q)}"));
    }
}
