using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 3: edit (C11), expire (C12, C13), restore (C14) and code reuse (C15) through HTTP.</summary>
public sealed class CouponLifecycleTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private static string Id(JsonElement coupon) => coupon.GetProperty("id").GetString()!;

    private string Row(string id) =>
        string.Join('|', new[] { "Name", "MaxRedemptions", "RedeemBy", "State", "InvoiceDescription", "Metadata" }
            .Select(column => api.Scalar($"SELECT COUNT(*) FROM coupons_coupons WHERE Id = '{id}' AND {column} IS NULL").ToString(System.Globalization.CultureInfo.InvariantCulture)))
        + api.Scalar($"SELECT length(Name) + COALESCE(MaxRedemptions, 0) + length(State) + length(Metadata) FROM coupons_coupons WHERE Id = '{id}'");

    [Fact]
    public async Task Editable_fields_change_and_absent_fields_stay_C11()
    {
        var scenario = new Scenario(api);
        var coupon = await scenario.PercentCoupon($"EDIT-{scenario.Suffix}", 10, maxRedemptions: 5, invoiceDescription: "old text");

        var edited = await api.Admin().PatchJson($"/api/coupons/{Id(coupon)}", new
        {
            name = "Renamed",
            max_redemptions = 50,
            max_redemptions_per_account = 1,
            redeem_by = "2031-01-31T12:00:00Z",
            metadata = new Dictionary<string, string> { ["owner"] = "growth" },
        }).Ok();

        Assert.Equal("Renamed", edited.GetProperty("name").GetString());
        Assert.Equal(50, edited.GetProperty("max_redemptions").GetInt32());
        Assert.Equal(1, edited.GetProperty("max_redemptions_per_account").GetInt32());
        Assert.Equal(new DateTimeOffset(2031, 1, 31, 12, 0, 0, TimeSpan.Zero), edited.GetProperty("redeem_by").GetDateTimeOffset());
        Assert.Equal("growth", edited.GetProperty("metadata").GetProperty("owner").GetString());
        Assert.Equal("old text", edited.GetProperty("invoice_description").GetString());
        Assert.Equal(10, edited.GetProperty("discount").GetProperty("percent").GetInt32());

        var cleared = await api.Admin().PatchJson($"/api/coupons/{Id(coupon)}", new { invoice_description = (string?)null, max_redemptions = (int?)null }).Ok();
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("invoice_description").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("max_redemptions").ValueKind);
    }

    [Theory]
    [InlineData("""{"discount":{"type":"percent","percent":50}}""", "discount")]
    [InlineData("""{"duration":{"type":"single_use"}}""", "duration")]
    [InlineData("""{"applies_to":{"all_plans":true}}""", "applies_to")]
    [InlineData("""{"redemption_resource":"subscription"}""", "redemption_resource")]
    [InlineData("""{"code":"NEWCODE"}""", "code")]
    [InlineData("""{"name":"ok","coupon_type":"bulk"}""", "coupon_type")]
    [InlineData("""{"max_redemptions":0}""", "max_redemptions")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"redeem_by":"2020-01-01"}""", "redeem_by")]
    public async Task What_would_change_active_redemptions_is_refused_by_name_and_nothing_changes_C11(string body, string field)
    {
        var scenario = new Scenario(api);
        var coupon = await scenario.PercentCoupon($"LOCK-{scenario.Suffix}", 10);
        string before = Row(Id(coupon));

        var response = await api.Admin().PatchAsync($"/api/coupons/{Id(coupon)}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, Row(Id(coupon)));
    }

    [Fact]
    public async Task The_cap_cannot_be_lowered_below_what_was_redeemed_C11()
    {
        var scenario = new Scenario(api);
        var coupon = await scenario.PercentCoupon($"CAP-{scenario.Suffix}", 10, maxRedemptions: 10);
        for (int i = 0; i < 3; i++)
        {
            var account = await scenario.Account(scenario.Code($"cap{i}"));
            await api.Business().PostJson($"/api/accounts/{account.GetProperty("code").GetString()}/redemptions", new { coupon_code = $"CAP-{scenario.Suffix}", currency = "USD" }).Created();
        }

        await (await api.Admin().PatchJson($"/api/coupons/{Id(coupon)}", new { max_redemptions = 2 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "max_redemptions_below_times_redeemed");
        var atCap = await api.Admin().PatchJson($"/api/coupons/{Id(coupon)}", new { max_redemptions = 3 }).Ok();

        Assert.Equal("expired", atCap.GetProperty("state").GetString());
        Assert.Equal("max_redemptions", atCap.GetProperty("expire_reason").GetString());
    }

    [Fact]
    public async Task Expiring_early_blocks_new_redemptions_but_active_ones_keep_discounting_C12()
    {
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        string code = $"EARLY-{scenario.Suffix}";
        var coupon = await scenario.PercentCoupon(code, 10);
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = scenario.Code("acct"), plan_code = scenario.Code("plan"), currency = "USD", coupon_codes = new[] { code } }).Created();

        var expired = await api.Admin().PostAsync($"/api/coupons/{Id(coupon)}/expire", null).Ok();
        var again = await api.Admin().PostAsync($"/api/coupons/{Id(coupon)}/expire", null);
        var other = await scenario.Account(scenario.Code("late"));
        var refused = await api.Business().PostJson($"/api/accounts/{other.GetProperty("code").GetString()}/redemptions", new { coupon_code = code, currency = "USD" });
        await api.Admin().PostJson("/api/test-clock", new { now = subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1) }).Ok();
        await api.Admin().PostAsync("/api/bill-runs", null);

        Assert.Equal("manual", expired.GetProperty("expire_reason").GetString());
        Assert.False(expired.GetProperty("valid").GetBoolean());
        await again.ShouldBeProblem(HttpStatusCode.Conflict, "coupon_already_expired");
        await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "coupon_expired");
        var renewal = (await api.Business().GetJson($"/api/invoices?subscription_id={subscription.GetProperty("id").GetString()}")).GetProperty("data").EnumerateArray().Last();
        Assert.Equal(1.50m, renewal.GetProperty("discount_total").GetDecimal());
    }

    [Fact]
    public async Task An_expired_coupon_is_edited_only_through_restore_C11_C14()
    {
        var scenario = new Scenario(api);
        var coupon = await scenario.PercentCoupon($"REST-{scenario.Suffix}", 10);
        await api.Admin().PostAsync($"/api/coupons/{Id(coupon)}/expire", null);

        await (await api.Admin().PatchJson($"/api/coupons/{Id(coupon)}", new { name = "x" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "coupon_expired");
        var restored = await api.Admin().PostAsync($"/api/coupons/{Id(coupon)}/restore", null).Ok();
        await (await api.Admin().PostAsync($"/api/coupons/{Id(coupon)}/restore", null)).ShouldBeProblem(HttpStatusCode.Conflict, "coupon_not_expired");

        Assert.Equal("redeemable", restored.GetProperty("state").GetString());
        Assert.True(restored.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("expire_reason").ValueKind);
    }

    [Fact]
    public async Task A_coupon_expired_by_its_cap_restores_only_with_a_higher_cap_C14()
    {
        var scenario = new Scenario(api);
        string code = $"ONE-{scenario.Suffix}";
        var coupon = await scenario.PercentCoupon(code, 10, maxRedemptions: 1);
        var account = await scenario.Account();
        await api.Business().PostJson($"/api/accounts/{account.GetProperty("code").GetString()}/redemptions", new { coupon_code = code, currency = "USD" }).Created();

        await (await api.Admin().PostAsync($"/api/coupons/{Id(coupon)}/restore", null)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "restore_needs_higher_max_redemptions");
        var restored = await api.Admin().PostJson($"/api/coupons/{Id(coupon)}/restore", new { max_redemptions = 2 }).Ok();

        Assert.Equal("redeemable", restored.GetProperty("state").GetString());
        Assert.Equal(2, restored.GetProperty("max_redemptions").GetInt32());
    }

    [Fact]
    public async Task A_coupon_expired_by_redeem_by_restores_only_with_a_later_redeem_by_C13_C14()
    {
        var scenario = new Scenario(api);
        var now = (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        var coupon = await api.Admin().PostJson("/api/coupons", new { code = $"DATED-{scenario.Suffix}", name = "dated", discount = new { type = "percent", percent = 5 }, redeem_by = now.AddHours(1).ToString("O") }).Created();
        await api.Admin().PostJson("/api/test-clock", new { now = now.AddHours(2) }).Ok();
        await api.Admin().PostAsync("/api/bill-runs", null);

        await (await api.Admin().PostAsync($"/api/coupons/{Id(coupon)}/restore", null)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "restore_needs_new_redeem_by");
        var restored = await api.Admin().PostJson($"/api/coupons/{Id(coupon)}/restore", new { redeem_by = now.AddDays(10).ToString("O") }).Ok();

        Assert.Equal("redeemable", restored.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_code_freed_by_a_manual_or_cap_expiry_can_be_reused_and_the_old_coupon_then_cannot_be_restored_C14_C15()
    {
        var scenario = new Scenario(api);
        string code = $"REUSE-{scenario.Suffix}";
        var old = await scenario.PercentCoupon(code, 10);
        var account = await scenario.Account();
        string accountCode = account.GetProperty("code").GetString()!;
        var oldRedemption = await api.Business().PostJson($"/api/accounts/{accountCode}/redemptions", new { coupon_code = code, currency = "USD" }).Created();
        await api.Admin().PostAsync($"/api/coupons/{Id(old)}/expire", null);

        var fresh = await scenario.PercentCoupon(code.ToLowerInvariant(), 30);
        var blocked = await api.Admin().PostAsync($"/api/coupons/{Id(old)}/restore", null);

        await blocked.ShouldBeProblem(HttpStatusCode.Conflict, "code_taken");
        Assert.NotEqual(Id(old), Id(fresh));
        var redemptions = (await api.Business().GetJson($"/api/accounts/{accountCode}/redemptions")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(Id(old), redemptions.Single(r => r.GetProperty("id").GetString() == oldRedemption.GetProperty("id").GetString()).GetProperty("coupon_id").GetString());
    }

    [Fact]
    public async Task A_code_of_a_coupon_that_expired_by_redeem_by_is_never_reused_C15()
    {
        var scenario = new Scenario(api);
        string code = $"NEVER-{scenario.Suffix}";
        var now = (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        await api.Admin().PostJson("/api/coupons", new { code, name = "dated", discount = new { type = "percent", percent = 5 }, redeem_by = now.AddHours(1).ToString("O") }).Created();
        await api.Admin().PostJson("/api/test-clock", new { now = now.AddHours(2) }).Ok();
        await api.Admin().PostAsync("/api/bill-runs", null);

        var response = await api.Admin().PostJson("/api/coupons", new { code, name = "again", discount = new { type = "percent", percent = 5 } });

        await response.ShouldBeProblem(HttpStatusCode.Conflict, "code_taken");
    }

    [Fact]
    public async Task A_redemption_after_redeem_by_is_refused_even_before_the_job_runs_C13()
    {
        var scenario = new Scenario(api);
        string code = $"LATE-{scenario.Suffix}";
        var now = (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        await api.Admin().PostJson("/api/coupons", new { code, name = "dated", discount = new { type = "percent", percent = 5 }, redeem_by = now.AddHours(1).ToString("O") }).Created();
        var account = await scenario.Account();
        await api.Admin().PostJson("/api/test-clock", new { now = now.AddHours(2) }).Ok();

        var response = await api.Business().PostJson($"/api/accounts/{account.GetProperty("code").GetString()}/redemptions", new { coupon_code = code, currency = "USD" });

        await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "redeem_by_passed");
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE Code = '{code}'"));
    }
}
