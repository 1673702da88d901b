using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 4: subscriptions through HTTP with the test clock (S1–S9, R6, R7, R9, R10).</summary>
public sealed class SubscriptionLifecycleTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private async Task<DateTimeOffset> Now() => (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();

    private Task MoveClock(DateTimeOffset to) => api.Admin().PostJson("/api/test-clock", new { now = to }).Ok();

    private async Task<JsonElement> BillRun() => await api.Admin().PostAsync("/api/bill-runs", null).Ok();

    private async Task<List<JsonElement>> Invoices(string subscriptionId) =>
        (await api.Business().GetJson($"/api/invoices?subscription_id={subscriptionId}")).GetProperty("data").EnumerateArray().ToList();

    private Task<JsonElement> Subscribe(Scenario scenario, string plan, string account, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(new { account_code = account, plan_code = plan, currency = "USD" }, BillingApiFactory.Json)!.AsObject();
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToNode(extra, BillingApiFactory.Json)!.AsObject().ToList())
            {
                body[property.Key] = property.Value?.DeepClone();
            }
        }

        return api.Business().PostAsync("/api/subscriptions", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json")).Created();
    }

    private async Task<string> Plan(Scenario scenario, string name, decimal price, decimal setupFee = 0m, object? trial = null, int intervalLength = 1, string unit = "month")
    {
        string code = scenario.Code(name);
        await api.Admin().PostJson("/api/plans", new
        {
            code,
            name,
            interval = new { length = intervalLength, unit },
            trial,
            currencies = new[] { new { currency = "USD", unit_amount = price, setup_fee = setupFee } },
        }).Created();
        return code;
    }

    [Fact]
    public async Task Renewals_over_several_periods_invoice_each_period_once_with_anchored_dates_S6()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "monthly", 10m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        var subscription = await Subscribe(scenario, plan, account);
        string id = subscription.GetProperty("id").GetString()!;
        var start = subscription.GetProperty("current_period_start").GetDateTimeOffset();

        for (int month = 1; month <= 3; month++)
        {
            await MoveClock(start.AddMonths(month).AddMinutes(1));
            await BillRun();
        }

        var invoices = await Invoices(id);
        Assert.Equal(4, invoices.Count);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => start.AddMonths(i)), invoices.Select(i => i.GetProperty("period_start").GetDateTimeOffset()));
        Assert.All(invoices, i => Assert.Equal(10m, i.GetProperty("total").GetDecimal()));
        var current = await api.Business().GetJson($"/api/subscriptions/{id}");
        Assert.Equal(start.AddMonths(4), current.GetProperty("current_period_end").GetDateTimeOffset());
    }

    [Fact]
    public async Task After_a_long_gap_the_bill_run_catches_up_every_missed_period_one_by_one_S6()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "weekly", 5m, intervalLength: 1, unit: "week");
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        var subscription = await Subscribe(scenario, plan, account);
        string id = subscription.GetProperty("id").GetString()!;
        var start = subscription.GetProperty("current_period_start").GetDateTimeOffset();

        await MoveClock(start.AddDays(7 * 10).AddHours(1));
        var run = await BillRun();

        var invoices = await Invoices(id);
        Assert.Equal(11, invoices.Count);
        Assert.True(run.GetProperty("invoiced").GetInt32() >= 10);
        Assert.Equal(invoices.Select(i => i.GetProperty("number").GetInt64()).Order(), invoices.Select(i => i.GetProperty("number").GetInt64()));
        Assert.Equal(invoices.Count, invoices.Select(i => i.GetProperty("period_start").GetDateTimeOffset()).Distinct().Count());
    }

    [Fact]
    public async Task Two_concurrent_bill_runs_create_no_duplicate_invoice_S6_I5()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "race", 9m);
        var ids = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            string account = (await scenario.Account(scenario.Code($"race{i}"))).GetProperty("code").GetString()!;
            ids.Add((await Subscribe(scenario, plan, account)).GetProperty("id").GetString()!);
        }

        var periodEnd = (await api.Business().GetJson($"/api/subscriptions/{ids[0]}")).GetProperty("current_period_end").GetDateTimeOffset();
        await MoveClock(periodEnd.AddDays(40));
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = api.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new Billing.Subscriptions.Contracts.RenewDueSubscriptions());
        }));

        Assert.All(runs, r => Assert.True(r.IsSuccess));
        Assert.All(runs, r => Assert.Equal(0, r.Value.Failed));
        foreach (string id in ids)
        {
            var invoices = await Invoices(id);
            Assert.Equal(3, invoices.Count);
            Assert.Equal(3, invoices.Select(i => i.GetProperty("period_start").GetDateTimeOffset()).Distinct().Count());
        }
    }

    [Fact]
    public async Task A_trial_subscription_is_invoiced_its_setup_fee_undiscounted_and_its_first_paid_period_at_trial_end_R9()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "trial", 20m, setupFee: 5m, trial: new { length = 14, unit = "day" });
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"HALF-{scenario.Suffix}";
        await scenario.PercentCoupon(code, 50);

        var subscription = await Subscribe(scenario, plan, account, new { coupon_codes = new[] { code } });
        string id = subscription.GetProperty("id").GetString()!;
        var trialEnd = subscription.GetProperty("trial_ends_at").GetDateTimeOffset();
        await MoveClock(trialEnd.AddMinutes(1));
        await BillRun();

        Assert.Equal("in_trial", subscription.GetProperty("state").GetString());
        Assert.Equal(subscription.GetProperty("created_at").GetDateTimeOffset().AddDays(14), trialEnd);
        var invoices = await Invoices(id);
        Assert.Equal(5m, invoices[0].GetProperty("total").GetDecimal());
        Assert.Equal(0m, invoices[0].GetProperty("discount_total").GetDecimal());
        Assert.Equal(trialEnd, invoices[1].GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal(10m, invoices[1].GetProperty("total").GetDecimal());
        Assert.Equal("active", (await api.Business().GetJson($"/api/subscriptions/{id}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_fixed_coupon_discounts_a_trial_invoice_that_has_a_setup_fee_R9()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "trialfee", 20m, setupFee: 5m, trial: new { length = 1, unit = "month" });
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"TWO-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code, name = "two off", discount = new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 2m } } } }).Created();

        var subscription = await Subscribe(scenario, plan, account, new { coupon_codes = new[] { code } });

        Assert.Equal(3m, subscription.GetProperty("invoice").GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_free_trial_coupon_starts_the_subscription_with_its_trial_C4()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "notrial", 30m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"TRY2W-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code, name = "two weeks free", discount = new { type = "free_trial", trial = new { unit = "week", length = 2 } } }).Created();

        var subscription = await Subscribe(scenario, plan, account, new { coupon_codes = new[] { code } });

        Assert.Equal("in_trial", subscription.GetProperty("state").GetString());
        Assert.Equal(subscription.GetProperty("created_at").GetDateTimeOffset().AddDays(14), subscription.GetProperty("trial_ends_at").GetDateTimeOffset());
        Assert.Equal(0m, subscription.GetProperty("invoice").GetProperty("total").GetDecimal());
        Assert.False(subscription.GetProperty("payment_required").GetBoolean());
    }

    [Fact]
    public async Task A_hundred_percent_coupon_makes_a_free_purchase_active_at_once_without_payment_S5()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "app", 20m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"FREE-{scenario.Suffix}";
        await scenario.PercentCoupon(code, 100);

        var subscription = await Subscribe(scenario, plan, account, new { coupon_codes = new[] { code } });

        Assert.Equal("active", subscription.GetProperty("state").GetString());
        Assert.False(subscription.GetProperty("payment_required").GetBoolean());
        Assert.Equal(0m, subscription.GetProperty("invoice").GetProperty("total").GetDecimal());
        Assert.Equal(20m, subscription.GetProperty("original_price").GetDecimal());
        Assert.Equal(0m, subscription.GetProperty("purchase_price").GetDecimal());
        var text = await (await api.Business().GetAsync($"/api/invoices/{subscription.GetProperty("invoice").GetProperty("number").GetInt64()}/text")).Content.ReadAsStringAsync();
        Assert.Contains("$20.00 FREE", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_override_needs_an_admin_token_records_the_partner_fields_and_charges_the_price_S4()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "partner", 49m, setupFee: 10m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        var body = new { account_code = account, plan_code = plan, currency = "USD", price = 12.5m, payment_type = "external", charged_by = "partner", discount_code_name = "fixed_amount", coupon_code = "PARTNER-COUPON-CODE" };
        long before = api.Scalar("SELECT COUNT(*) FROM subscriptions_subscriptions");

        var forbidden = await api.Business().PostJson("/api/subscriptions", body);
        await forbidden.ShouldBeProblem(HttpStatusCode.Forbidden, "price_override_forbidden");
        Assert.Equal(before, api.Scalar("SELECT COUNT(*) FROM subscriptions_subscriptions"));
        await (await api.Admin().PostJson("/api/subscriptions", body with { payment_type = "card" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        var subscription = await api.Admin().PostJson("/api/subscriptions", body).Created();

        var recorded = subscription.GetProperty("price_override");
        Assert.Equal(12.5m, recorded.GetProperty("price").GetDecimal());
        Assert.Equal("external", recorded.GetProperty("payment_type").GetString());
        Assert.Equal("partner", recorded.GetProperty("charged_by").GetString());
        Assert.Equal("fixed_amount", recorded.GetProperty("discount_code_name").GetString());
        Assert.Equal("PARTNER-COUPON-CODE", recorded.GetProperty("coupon_code").GetString());
        Assert.Equal(12.5m, subscription.GetProperty("invoice").GetProperty("total").GetDecimal());
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE AccountCode = '{account}'"));
        await MoveClock(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1));
        await BillRun();
        Assert.Equal(12.5m, (await Invoices(subscription.GetProperty("id").GetString()!)).Last().GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_zero_price_override_is_a_free_purchase_S4_S5()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "zero", 49m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;

        var subscription = await api.Admin().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", price = 0m, payment_type = "external" }).Created();

        Assert.Equal("active", subscription.GetProperty("state").GetString());
        Assert.False(subscription.GetProperty("payment_required").GetBoolean());
    }

    [Fact]
    public async Task Changing_plan_now_credits_the_unused_time_and_charges_the_remaining_time_of_the_new_plan_S8()
    {
        var scenario = new Scenario(api);
        string basic = await Plan(scenario, "basic", 30m);
        string pro = await Plan(scenario, "pro", 60m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        var subscription = await Subscribe(scenario, basic, account);
        string id = subscription.GetProperty("id").GetString()!;
        var start = subscription.GetProperty("current_period_start").GetDateTimeOffset();
        var end = subscription.GetProperty("current_period_end").GetDateTimeOffset();
        int days = (int)Math.Round((end - start).TotalDays);
        await MoveClock(start.AddDays(days / 2).AddHours(1));
        int left = (int)Math.Ceiling((end - start.AddDays(days / 2).AddHours(1)).TotalDays);

        var changed = await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = pro, timeframe = "now" }).Ok();

        Assert.Equal(pro, changed.GetProperty("plan_code").GetString());
        var lines = changed.GetProperty("invoice").GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["proration_credit", "proration_charge"], lines.Select(l => l.GetProperty("type").GetString()));
        long Share(long cents) => (long)Math.Round(cents * left / (decimal)days, MidpointRounding.AwayFromZero);
        Assert.Equal(-Share(3000) / 100m, lines[0].GetProperty("amount").GetDecimal());
        Assert.Equal(Share(6000) / 100m, lines[1].GetProperty("amount").GetDecimal());
        Assert.Equal((Share(6000) - Share(3000)) / 100m, changed.GetProperty("invoice").GetProperty("total").GetDecimal());
        await MoveClock(end.AddMinutes(1));
        await BillRun();
        Assert.Equal(60m, (await Invoices(id)).Last().GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_coupon_given_with_an_immediate_change_discounts_only_the_prorated_charge_R7_S8()
    {
        var scenario = new Scenario(api);
        string basic = await Plan(scenario, "basic", 30m);
        string pro = await Plan(scenario, "pro", 60m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"UPG-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code, name = "upgrade", discount = new { type = "percent", percent = 50 }, redemption_resource = "subscription" }).Created();
        var subscription = await Subscribe(scenario, basic, account);
        string id = subscription.GetProperty("id").GetString()!;

        var changed = await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = pro, timeframe = "now", coupon_code = code }).Ok();

        var lines = changed.GetProperty("invoice").GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(0m, lines[0].GetProperty("discount").GetDecimal());
        Assert.Equal(Math.Round(lines[1].GetProperty("amount").GetDecimal() / 2, 2, MidpointRounding.AwayFromZero), lines[1].GetProperty("discount").GetDecimal());
        var redemption = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray().Single();
        Assert.Equal(id, redemption.GetProperty("subscription_id").GetString());
    }

    [Fact]
    public async Task A_change_at_renewal_waits_for_the_next_period_S8()
    {
        var scenario = new Scenario(api);
        string basic = await Plan(scenario, "basic", 30m);
        string pro = await Plan(scenario, "pro", 60m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        var subscription = await Subscribe(scenario, basic, account);
        string id = subscription.GetProperty("id").GetString()!;

        var scheduled = await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = pro, quantity = 2, timeframe = "renewal" }).Ok();
        await MoveClock(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1));
        await BillRun();

        Assert.Equal(basic, scheduled.GetProperty("plan_code").GetString());
        Assert.Equal(pro, scheduled.GetProperty("pending_change").GetProperty("plan_code").GetString());
        Assert.Equal(1, (await Invoices(id)).Count - 1);
        Assert.Equal(120m, (await Invoices(id)).Last().GetProperty("total").GetDecimal());
        var renewed = await api.Business().GetJson($"/api/subscriptions/{id}");
        Assert.Equal(pro, renewed.GetProperty("plan_code").GetString());
        Assert.Equal(JsonValueKind.Null, renewed.GetProperty("pending_change").ValueKind);
    }

    [Fact]
    public async Task Changes_that_cannot_apply_are_refused_and_change_nothing_S8()
    {
        var scenario = new Scenario(api);
        string basic = await Plan(scenario, "basic", 30m);
        string yearly = await Plan(scenario, "yearly", 300m, intervalLength: 1, unit: "year");
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string id = (await Subscribe(scenario, basic, account)).GetProperty("id").GetString()!;
        long invoices = api.Scalar("SELECT COUNT(*) FROM invoicing_invoices");

        await (await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = yearly })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "interval_mismatch");
        await (await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = basic })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "no_change");
        await (await api.Business().PutJson($"/api/subscriptions/{id}", new { quantity = 0 })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().PutJson($"/api/subscriptions/{id}", new { timeframe = "tomorrow", quantity = 2 })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = "nope" })).ShouldBeProblem(HttpStatusCode.NotFound, "plan_not_found");
        await (await api.Business().PutJson("/api/subscriptions/sub_nope", new { quantity = 2 })).ShouldBeProblem(HttpStatusCode.NotFound, "subscription_not_found");

        Assert.Equal(invoices, api.Scalar("SELECT COUNT(*) FROM invoicing_invoices"));
        Assert.Equal(basic, (await api.Business().GetJson($"/api/subscriptions/{id}")).GetProperty("plan_code").GetString());
    }

    [Fact]
    public async Task Cancelling_at_period_end_expires_the_subscription_in_the_bill_run_and_ends_its_subscription_coupons_S9()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "cancel", 30m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"SUBC-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code, name = "sub", discount = new { type = "percent", percent = 10 }, redemption_resource = "subscription" }).Created();
        var subscription = await Subscribe(scenario, plan, account, new { coupon_codes = new[] { code } });
        string id = subscription.GetProperty("id").GetString()!;

        var canceled = await api.Business().PostAsync($"/api/subscriptions/{id}/cancel", null).Ok();
        await (await api.Business().PostAsync($"/api/subscriptions/{id}/cancel", null)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "subscription_not_active");
        await MoveClock(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1));
        await BillRun();

        Assert.Equal("canceled", canceled.GetProperty("state").GetString());
        Assert.Equal(subscription.GetProperty("current_period_end").GetDateTimeOffset(), canceled.GetProperty("expires_at").GetDateTimeOffset());
        Assert.Single(await Invoices(id));
        Assert.Equal("expired", (await api.Business().GetJson($"/api/subscriptions/{id}")).GetProperty("state").GetString());
        var redemption = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray().Single();
        Assert.Equal("subscription_ended", redemption.GetProperty("inactive_reason").GetString());
    }

    [Fact]
    public async Task Cancelling_now_expires_at_once_and_ends_its_subscription_coupons_S9()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "now", 30m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"SUBN-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code, name = "sub", discount = new { type = "percent", percent = 10 }, redemption_resource = "subscription" }).Created();
        string id = (await Subscribe(scenario, plan, account, new { coupon_codes = new[] { code } })).GetProperty("id").GetString()!;

        var expired = await api.Business().PostJson($"/api/subscriptions/{id}/cancel", new { timeframe = "now" }).Ok();
        var change = await api.Business().PutJson($"/api/subscriptions/{id}", new { quantity = 3 });

        Assert.Equal("expired", expired.GetProperty("state").GetString());
        Assert.Equal("subscription_ended", (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data")[0].GetProperty("inactive_reason").GetString());
        await change.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "subscription_not_active");
    }

    [Fact]
    public async Task A_one_time_charge_is_invoiced_at_once_and_discounted_only_when_coupon_and_site_allow_it_S7_C7()
    {
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string sms = scenario.Code("sms100");
        await api.Admin().PostJson("/api/packages", new { code = sms, name = "100 SMS", currencies = new[] { new { currency = "USD", unit_amount = 10m } } }).Created();
        string code = $"SMS-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code, name = "sms off", discount = new { type = "percent", percent = 20 }, applies_to = new { all_plans = true, non_plan_charges = true } }).Created();
        await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" }).Created();

        var settingOff = await api.Business().PostJson($"/api/accounts/{account}/charges", new { currency = "USD", offering_code = sms }).Created();
        await api.Admin().PutJson("/api/settings/coupons", new { one_time_charges_discountable = true }).Ok();
        JsonElement settingOn;
        try
        {
            settingOn = await api.Business().PostJson($"/api/accounts/{account}/charges", new { currency = "USD", offering_code = sms }).Created();
        }
        finally
        {
            await api.Admin().PutJson("/api/settings/coupons", new { one_time_charges_discountable = false }).Ok();
        }

        Assert.Equal("one_time", settingOff.GetProperty("lines")[0].GetProperty("type").GetString());
        Assert.Equal("100 SMS", settingOff.GetProperty("lines")[0].GetProperty("description").GetString());
        Assert.Equal(10m, settingOff.GetProperty("total").GetDecimal());
        Assert.Equal(8m, settingOn.GetProperty("total").GetDecimal());
        Assert.Equal(JsonValueKind.Null, settingOn.GetProperty("subscription_id").ValueKind);
    }

    [Fact]
    public async Task A_one_time_charge_without_a_package_needs_a_description_and_a_valid_amount_S7()
    {
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        long invoices = api.Scalar("SELECT COUNT(*) FROM invoicing_invoices");

        await (await api.Business().PostJson($"/api/accounts/{account}/charges", new { currency = "USD", amount = 5m })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().PostJson($"/api/accounts/{account}/charges", new { currency = "USD", amount = 5.001m, description = "x" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().PostJson($"/api/accounts/{account}/charges", new { currency = "USD", offering_code = "none" })).ShouldBeProblem(HttpStatusCode.NotFound, "package_not_found");
        await (await api.Business().PostJson($"/api/accounts/nobody-{scenario.Suffix}/charges", new { currency = "USD", amount = 5m, description = "x" })).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
        Assert.Equal(invoices, api.Scalar("SELECT COUNT(*) FROM invoicing_invoices"));

        var invoice = await api.Business().PostJson($"/api/accounts/{account}/charges", new { currency = "USD", amount = 12.34m, description = "Onboarding call" }).Created();
        Assert.Equal(12.34m, invoice.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_purchase_preview_with_a_free_trial_coupon_shows_the_trial_invoice_the_signup_then_issues_C4_I7()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "preview-trial", 30m, setupFee: 4m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"TRY1M-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code, name = "a month free", discount = new { type = "free_trial", trial = new { unit = "month", length = 1 } } }).Created();

        var preview = await api.Business().PostJson("/api/invoices/preview", new { plan_code = plan, currency = "USD", coupon_code = code, account_code = account }).Ok();
        var subscription = await Subscribe(scenario, plan, account, new { coupon_codes = new[] { code } });

        var issued = subscription.GetProperty("invoice");
        Assert.Equal(issued.GetProperty("total").GetDecimal(), preview.GetProperty("total").GetDecimal());
        Assert.Equal(4m, preview.GetProperty("total").GetDecimal());
        Assert.Equal(issued.GetProperty("period_end").GetDateTimeOffset(), preview.GetProperty("period_end").GetDateTimeOffset());
        Assert.Equal(subscription.GetProperty("trial_ends_at").GetDateTimeOffset(), preview.GetProperty("period_end").GetDateTimeOffset());
    }

    [Fact]
    public async Task Amounts_above_a_billion_major_units_are_refused_so_quantity_times_price_never_overflows_M1()
    {
        var scenario = new Scenario(api);

        var response = await api.Admin().PostJson("/api/plans", new
        {
            code = scenario.Code("huge"),
            name = "huge",
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = 1_000_000_001m, setup_fee = 0m } },
        });
        string plan = await Plan(scenario, "max", 1_000_000_000m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", quantity = 100_000 }).Created();

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(100_000_000_000_000m, subscription.GetProperty("invoice").GetProperty("total").GetDecimal());
    }
}
