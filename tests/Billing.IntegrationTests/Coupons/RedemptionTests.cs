using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 3: the RedeemCoupon command and redemptions (R1–R4, R8, C17) through HTTP.</summary>
public sealed class RedemptionTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private Task<HttpResponseMessage> Redeem(string account, string code, string currency = "USD", string? subscriptionId = null) =>
        api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency, subscription_id = subscriptionId });

    private string Snapshot() =>
        $"{api.Scalar("SELECT COUNT(*) FROM coupons_redemptions")}/{api.Scalar("SELECT COALESCE(SUM(TimesRedeemed), 0) FROM coupons_coupons")}/{api.Scalar("SELECT COUNT(*) FROM coupons_outbox")}/{api.Scalar("SELECT COALESCE(SUM(Redemptions), 0) FROM coupons_account_redemptions")}";

    private async Task<JsonElement> Subscribe(Scenario scenario, string account, string plan) =>
        await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created();

    [Fact]
    public async Task A_redemption_answers_the_contract_fields_and_publishes_coupon_redeemed_R1()
    {
        var scenario = new Scenario(api);
        string code = $"HELLO-{scenario.Suffix}";
        var coupon = await scenario.PercentCoupon(code, 10);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;

        var redemption = await Redeem(account, code.ToLowerInvariant()).Created();

        Assert.StartsWith("red_", redemption.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(coupon.GetProperty("id").GetString(), redemption.GetProperty("coupon_id").GetString());
        Assert.Equal(code, redemption.GetProperty("code").GetString());
        Assert.Equal("active", redemption.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, redemption.GetProperty("subscription_id").ValueKind);
        Assert.True(redemption.TryGetProperty("cid", out _));
        Assert.True(redemption.TryGetProperty("created_at", out _));
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM coupons_outbox WHERE Type LIKE '%CouponRedeemed%' AND Payload LIKE '%{redemption.GetProperty("id").GetString()}%'"));
        Assert.Equal(1, (await api.Business().GetJson($"/api/coupons/{coupon.GetProperty("id").GetString()}")).GetProperty("times_redeemed").GetInt32());
    }

    [Fact]
    public async Task Every_refusal_has_its_own_code_and_changes_nothing_R1()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string otherPlan = scenario.Code("other");
        await scenario.PlanA(plan);
        await scenario.PlanA(otherPlan);
        string account = (await scenario.Account(scenario.Code("acct"))).GetProperty("code").GetString()!;
        var otherAccount = (await scenario.Account(scenario.Code("other"))).GetProperty("code").GetString()!;
        var subscription = await Subscribe(scenario, account, otherPlan);
        var foreignSubscription = await Subscribe(scenario, otherAccount, plan);
        var now = (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();

        async Task<string> Coupon(string name, object extra)
        {
            string code = $"{name}-{scenario.Suffix}";
            var body = JsonSerializer.SerializeToNode(extra, BillingApiFactory.Json)!.AsObject();
            body["code"] = code;
            body["name"] = name;
            body["discount"] ??= JsonSerializer.SerializeToNode(new { type = "percent", percent = 10 });
            await api.Admin().PostAsync("/api/coupons", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json")).Created();
            return code;
        }

        string expired = await Coupon("GONE", new { });
        await api.Admin().PostAsync($"/api/coupons/{(await api.Business().GetJson($"/api/coupons?q=GONE-{scenario.Suffix}")).GetProperty("data")[0].GetProperty("id").GetString()}/expire", null);
        string dated = await Coupon("DATED", new { redeem_by = now.AddMinutes(30).ToString("O") });
        string capped = await Coupon("CAPPED", new { max_redemptions = 1 });
        string perAccount = await Coupon("PERACCT", new { max_redemptions_per_account = 1 });
        string subLevel = await Coupon("SUBLVL", new { redemption_resource = "subscription", applies_to = new { all_plans = false, plan_codes = new[] { plan } } });
        string euros = await Coupon("EUROS", new { discount = new { type = "fixed", amounts = new[] { new { currency = "EUR", amount = 5m } } } });
        await Redeem(otherAccount, capped).Created();
        await Redeem(account, perAccount).Created();
        await api.Admin().PostJson("/api/test-clock", new { now = now.AddHours(1) }).Ok();
        string before = Snapshot();

        await (await Redeem(account, $"NOSUCH-{scenario.Suffix}")).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        await (await Redeem(account, expired)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "coupon_expired");
        await (await Redeem(account, dated)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "redeem_by_passed");
        await (await Redeem(account, capped)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "max_redemptions_reached");
        await (await Redeem(account, perAccount)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "max_redemptions_per_account_reached");
        await (await Redeem(account, subLevel, subscriptionId: subscription.GetProperty("id").GetString())).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "plan_not_eligible");
        await (await Redeem(account, subLevel)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "subscription_required");
        await (await Redeem(account, subLevel, subscriptionId: foreignSubscription.GetProperty("id").GetString())).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "subscription_not_on_account");
        await (await Redeem(account, subLevel, subscriptionId: "sub_missing")).ShouldBeProblem(HttpStatusCode.NotFound, "subscription_not_found");
        await (await Redeem(account, euros)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "currency_not_supported");
        await (await Redeem($"nobody-{scenario.Suffix}", euros, "EUR")).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
        await (await Redeem(account, "bad code!")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await Redeem(account, euros, "EURO")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task A_redemption_in_a_currency_nothing_of_the_account_bills_in_is_refused_with_its_own_code_and_changes_nothing_R1()
    {
        // Issue 14 item 3: a JPY redemption of a fixed coupon on a USD subscription was accepted and then did nothing.
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        string account = (await scenario.Account(scenario.Code("acct"))).GetProperty("code").GetString()!;
        string subscriptionId = (await Subscribe(scenario, account, plan)).GetProperty("id").GetString()!;
        string fresh = (await scenario.Account(scenario.Code("fresh"))).GetProperty("code").GetString()!;
        var amounts = new[] { new { currency = "USD", amount = 5m }, new { currency = "JPY", amount = 500m } };
        string accountLevel = scenario.Code("YENACCT");
        string subscriptionLevel = scenario.Code("YENSUB");
        await api.Admin().PostJson("/api/coupons", new { code = accountLevel, name = "yen", discount = new { type = "fixed", amounts } }).Created();
        await api.Admin().PostJson("/api/coupons", new { code = subscriptionLevel, name = "yen", discount = new { type = "fixed", amounts }, redemption_resource = "subscription" }).Created();
        string before = Snapshot();

        await (await Redeem(account, accountLevel, "JPY")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "currency_not_billed");
        await (await Redeem(account, subscriptionLevel, "JPY", subscriptionId)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "currency_not_billed");

        Assert.Equal(before, Snapshot());
        await Redeem(account, subscriptionLevel, "USD", subscriptionId).Created();
        await Redeem(account, accountLevel, "USD").Created();
        // An account with no live subscription yet may redeem in any currency: its first subscription chooses one.
        await Redeem(fresh, accountLevel, "JPY").Created();
    }

    [Fact]
    public async Task Thirty_concurrent_redemptions_by_one_account_capped_at_two_per_account_succeed_exactly_twice_C6_R2()
    {
        var scenario = new Scenario(api);
        string code = $"TWICE-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code, name = "twice", discount = new { type = "percent", percent = 5 }, max_redemptions_per_account = 2 }).Created();
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();
        string account = (await scenario.Account()).GetProperty("code").GetString()!;

        using var gate = api.Barriers.Arm(30);
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
            gate.Through(api.Business()).PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" })));
        Assert.True(gate.AllArrivedTogether, $"only {gate.Arrived} of 30 requests were in the host at once");
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = false }).Ok();

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(28, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(2, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE Code = '{code}'"));
    }

    [Fact]
    public async Task With_one_coupon_per_account_a_new_account_level_redemption_replaces_the_active_one_C17()
    {
        var scenario = new Scenario(api);
        string first = $"FIRST-{scenario.Suffix}";
        string second = $"SECOND-{scenario.Suffix}";
        await scenario.PercentCoupon(first, 10);
        await scenario.PercentCoupon(second, 20);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;

        var old = await Redeem(account, first).Created();
        var replacing = await Redeem(account, second).Created();

        var redemptions = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray().ToList();
        var replaced = redemptions.Single(r => r.GetProperty("id").GetString() == old.GetProperty("id").GetString());
        Assert.Equal("inactive", replaced.GetProperty("state").GetString());
        Assert.Equal("removed", replaced.GetProperty("inactive_reason").GetString());
        Assert.Equal("active", redemptions.Single(r => r.GetProperty("id").GetString() == replacing.GetProperty("id").GetString()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_subscription_level_coupon_takes_precedence_over_the_account_level_one_on_its_subscription_R8()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string accountLevel = $"ACC-{scenario.Suffix}";
        string subscriptionLevel = $"SUB-{scenario.Suffix}";
        await scenario.PercentCoupon(accountLevel, 10);
        await api.Admin().PostJson("/api/coupons", new { code = subscriptionLevel, name = "sub", discount = new { type = "percent", percent = 50 }, redemption_resource = "subscription" }).Created();
        var subscription = await Subscribe(scenario, account, plan);
        string id = subscription.GetProperty("id").GetString()!;

        await Redeem(account, accountLevel).Created();
        var bound = await Redeem(account, subscriptionLevel, subscriptionId: id).Created();
        await api.Admin().PostJson("/api/test-clock", new { now = subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1) }).Ok();
        await api.Admin().PostAsync("/api/bill-runs", null);

        Assert.Equal(id, bound.GetProperty("subscription_id").GetString());
        var renewal = (await api.Business().GetJson($"/api/invoices?subscription_id={id}")).GetProperty("data").EnumerateArray().Last();
        Assert.Equal([subscriptionLevel], renewal.GetProperty("coupon_codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(7.50m, renewal.GetProperty("discount_total").GetDecimal());
    }

    [Fact]
    public async Task A_removed_redemption_is_inactive_at_once_and_discounts_no_later_invoice_R4()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"BYE-{scenario.Suffix}";
        await scenario.PercentCoupon(code, 10);
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { code } }).Created();
        string redemptionId = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data")[0].GetProperty("id").GetString()!;

        var removed = await api.Business().DeleteAsync($"/api/accounts/{account}/redemptions/{redemptionId}").Ok();
        var again = await api.Business().DeleteAsync($"/api/accounts/{account}/redemptions/{redemptionId}");
        var elsewhere = await api.Business().DeleteAsync($"/api/accounts/nobody-{scenario.Suffix}/redemptions/{redemptionId}");
        await api.Admin().PostJson("/api/test-clock", new { now = subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1) }).Ok();
        await api.Admin().PostAsync("/api/bill-runs", null);

        Assert.Equal("removed", removed.GetProperty("inactive_reason").GetString());
        await again.ShouldBeProblem(HttpStatusCode.Conflict, "redemption_inactive");
        await elsewhere.ShouldBeProblem(HttpStatusCode.NotFound, "redemption_not_found");
        var renewal = (await api.Business().GetJson($"/api/invoices?subscription_id={subscription.GetProperty("id").GetString()}")).GetProperty("data").EnumerateArray().Last();
        Assert.Equal(0m, renewal.GetProperty("discount_total").GetDecimal());
    }

    [Fact]
    public async Task With_multiple_coupons_allowed_stacked_account_coupons_apply_in_the_configured_order_C17()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string percent = $"PCT-{scenario.Suffix}";
        string fixedOff = $"FIX-{scenario.Suffix}";
        await scenario.PercentCoupon(percent, 10);
        await api.Admin().PostJson("/api/coupons", new { code = fixedOff, name = "five off", discount = new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 5m } } } }).Created();
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true, stacking_order = "fixed_first", percent_mode = "compound" }).Ok();
        try
        {
            var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { percent, fixedOff } }).Created();

            var lines = subscription.GetProperty("invoice").GetProperty("lines").EnumerateArray().ToList();
            Assert.Equal(5.00m, lines[0].GetProperty("discount").GetDecimal());
            Assert.Equal(1.50m, lines[1].GetProperty("discount").GetDecimal());
        }
        finally
        {
            await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = false, stacking_order = "percent_first", percent_mode = "full" }).Ok();
        }
    }

    [Fact]
    public async Task Three_redemptions_of_one_percent_coupon_on_one_account_discount_an_invoice_once_C17_M2()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"STACK-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code, name = "ten off, three per account", discount = new { type = "percent", percent = 10 }, max_redemptions_per_account = 3 }).Created();
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                await Redeem(account, code).Created();
            }

            var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created();

            var invoice = subscription.GetProperty("invoice");
            Assert.Equal(1.50m, invoice.GetProperty("discount_total").GetDecimal());
            Assert.Equal(63.50m, invoice.GetProperty("total").GetDecimal());
        }
        finally
        {
            await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = false }).Ok();
        }
    }

    /// <summary>
    /// Issue 25 item 2 (C6, C17): with multiple coupons per account on, a coupon without max_redemptions_per_account
    /// is redeemed once per account while a redemption of it is active; once that one is removed it may be redeemed
    /// again, and another account is not affected.
    /// </summary>
    [Fact]
    public async Task A_coupon_without_a_per_account_cap_is_redeemed_once_per_account_while_a_redemption_of_it_is_active_C6()
    {
        var scenario = new Scenario(api);
        string account = (await scenario.Account(scenario.Code("acct"))).GetProperty("code").GetString()!;
        string other = (await scenario.Account(scenario.Code("other"))).GetProperty("code").GetString()!;
        string code = $"ONCE-PER-{scenario.Suffix}";
        await scenario.PercentCoupon(code, 10);
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();
        try
        {
            var first = await Redeem(account, code).Created();
            string before = Snapshot();

            var second = await Redeem(account, code);

            await second.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "max_redemptions_per_account_reached");
            Assert.Equal(before, Snapshot());
            await Redeem(other, code).Created();
            (await api.Business().DeleteAsync($"/api/accounts/{account}/redemptions/{first.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
            await Redeem(account, code).Created();
            Assert.Single((await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray(), r => r.GetProperty("state").GetString() == "active");
        }
        finally
        {
            await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = false }).Ok();
        }
    }

    /// <summary>With one coupon per account (the default), redeeming the same coupon again still replaces the active redemption (C17).</summary>
    [Fact]
    public async Task With_one_coupon_per_account_redeeming_the_same_coupon_again_replaces_its_redemption_C17()
    {
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"AGAIN-{scenario.Suffix}";
        await scenario.PercentCoupon(code, 10);

        var first = await Redeem(account, code).Created();
        var second = await Redeem(account, code).Created();

        var redemptions = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal("removed", redemptions.Single(r => r.GetProperty("id").GetString() == first.GetProperty("id").GetString()).GetProperty("inactive_reason").GetString());
        Assert.Equal(second.GetProperty("id").GetString(), redemptions.Single(r => r.GetProperty("state").GetString() == "active").GetProperty("id").GetString());
    }

    /// <summary>
    /// Issue 25 item 2: the database itself holds one active redemption per account of an uncapped coupon — a second
    /// row written past the command (as a concurrent PostgreSQL transaction could) is refused by the partial unique
    /// index, while an inactive one or one of a capped coupon is not.
    /// </summary>
    [Fact]
    public async Task The_database_refuses_a_second_active_one_per_account_redemption_of_a_coupon_C6()
    {
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"INDEX-{scenario.Suffix}";
        var coupon = await scenario.PercentCoupon(code, 10);
        await Redeem(account, code).Created();
        string couponId = coupon.GetProperty("id").GetString()!;
        string Insert(string id, string state, bool onePerAccount, long sequence) =>
            $"INSERT INTO coupons_redemptions (Id, CouponId, Code, AccountCode, Level, Currency, State, PeriodsDiscounted, DiscountedMinor, CreatedAt, Sequence, OnePerAccount) " +
            $"VALUES ('{id}', '{couponId}', '{code}', '{account}', 'account', 'USD', '{state}', 0, 0, '2026-01-01 00:00:00+00:00', {sequence}, {(onePerAccount ? "TRUE" : "FALSE")})";

        var refused = Assert.ThrowsAny<System.Data.Common.DbException>(() => api.Execute(Insert($"red_x{scenario.Suffix}", "active", true, 900_000_001)));

        Assert.True(Billing.BuildingBlocks.Persistence.BillingDatabase.IsUniqueViolation(refused), refused.Message);
        Assert.Equal(1, api.Execute(Insert($"red_y{scenario.Suffix}", "inactive", true, 900_000_002)));
        Assert.Equal(1, api.Execute(Insert($"red_z{scenario.Suffix}", "active", false, 900_000_003)));
    }

    [Fact]
    public async Task Site_settings_are_read_and_changed_and_invalid_values_are_refused_C17()
    {
        var settings = await api.Business().GetJson("/api/settings/coupons");
        Assert.False(settings.GetProperty("one_time_charges_discountable").GetBoolean());
        Assert.Equal("UTC", settings.GetProperty("time_zone").GetString());

        await (await api.Admin().PutJson("/api/settings/coupons", new { percent_mode = "sometimes" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Admin().PutJson("/api/settings/coupons", new { time_zone = "Mars/Olympus" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var changed = await api.Admin().PutJson("/api/settings/coupons", new { time_zone = "America/New_York" }).Ok();
        var scenario = new Scenario(api);
        var coupon = await api.Admin().PostJson("/api/coupons", new { code = $"NY-{scenario.Suffix}", name = "ny", discount = new { type = "percent", percent = 5 }, redeem_by = "2030-12-31" }).Created();
        await api.Admin().PutJson("/api/settings/coupons", new { time_zone = "UTC" }).Ok();

        Assert.Equal("America/New_York", changed.GetProperty("time_zone").GetString());
        Assert.Equal(new DateTimeOffset(2031, 1, 1, 4, 59, 59, TimeSpan.Zero), coupon.GetProperty("redeem_by").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_coupon_s_redemptions_show_what_each_has_discounted_so_far_R3()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        string code = $"TOTAL-{scenario.Suffix}";
        var coupon = await scenario.PercentCoupon(code, 10);
        foreach (string name in new[] { "a", "b" })
        {
            string account = (await scenario.Account(scenario.Code(name))).GetProperty("code").GetString()!;
            await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { code } }).Created();
        }

        var redemptions = (await api.Business().GetJson($"/api/coupons/{coupon.GetProperty("id").GetString()}/redemptions")).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(2, redemptions.Count);
        Assert.All(redemptions, r => Assert.Equal(1.50m, r.GetProperty("total_discounted")[0].GetProperty("amount").GetDecimal()));
        await (await api.Business().GetAsync($"/api/coupons/coupon_nope_{scenario.Suffix}/redemptions")).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        await (await api.Business().GetAsync($"/api/accounts/nobody-{scenario.Suffix}/redemptions")).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
    }

    [Fact]
    public async Task A_redemption_discounts_the_next_invoice_and_never_an_existing_one_R10()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = $"LATER-{scenario.Suffix}";
        await scenario.PercentCoupon(code, 10);
        var subscription = await Subscribe(scenario, account, plan);
        long first = subscription.GetProperty("invoice").GetProperty("number").GetInt64();

        await Redeem(account, code).Created();
        await api.Admin().PostJson("/api/test-clock", new { now = subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1) }).Ok();
        await api.Admin().PostAsync("/api/bill-runs", null);

        var existing = await api.Business().GetJson($"/api/invoices/{first}");
        var next = (await api.Business().GetJson($"/api/invoices?subscription_id={subscription.GetProperty("id").GetString()}")).GetProperty("data").EnumerateArray().Last();
        Assert.Equal(0m, existing.GetProperty("discount_total").GetDecimal());
        Assert.Equal(65m, existing.GetProperty("total").GetDecimal());
        Assert.Equal(1.50m, next.GetProperty("discount_total").GetDecimal());
    }
}
