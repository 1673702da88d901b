using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Billing.SharedKernel;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 14 item 1: every instant and date the API accepts lies from 2000-01-01 to 2200-01-01
/// (<see cref="InstantRange"/>); the rest is refused with 400 <c>validation_failed</c> naming the field, and at the
/// range's end the bill run, periods and coupon durations still work (S6, C5, C6, R5).
/// </summary>
public sealed class InstantRangeTests : IClassFixture<BillingApiFactory>
{
    private const string RecurlyKey = "recurly-range-admin-key";

    private readonly BillingApiFactory api;

    public InstantRangeTests(BillingApiFactory api)
    {
        this.api = api;
        api.Settings["Recurly:ApiKeys:Admin:0"] = RecurlyKey;
    }

    private static async Task<string> FieldOf(HttpResponseMessage response)
    {
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        return problem.GetProperty("errors").EnumerateObject().Single().Name;
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2200-01-01T00:00:01Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    public async Task The_test_clock_refuses_an_instant_outside_the_accepted_range_naming_now_and_stays_where_it_was(string now)
    {
        var before = (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();

        var response = await api.Admin().PostAsync("/api/test-clock", new StringContent($$"""{"now":"{{now}}"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal("now", await FieldOf(response));
        Assert.Equal(before, (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("2200-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2200-01-01T00:00:01Z")]
    public async Task A_redeem_by_outside_the_accepted_range_is_refused_on_create_edit_and_restore_naming_redeem_by_C6(string redeemBy)
    {
        var scenario = new Scenario(api);
        string redeemable = (await scenario.PercentCoupon(scenario.Code("EDIT").ToUpperInvariant(), 10)).GetProperty("id").GetString()!;
        string expired = (await scenario.PercentCoupon(scenario.Code("GONE").ToUpperInvariant(), 10)).GetProperty("id").GetString()!;
        await api.Admin().PostAsync($"/api/coupons/{expired}/expire", null).Ok();

        var created = await api.Admin().PostJson("/api/coupons", new { code = scenario.Code("NEW").ToUpperInvariant(), name = "far", discount = new { type = "percent", percent = 10 }, redeem_by = redeemBy });
        var edited = await api.Admin().PatchJson($"/api/coupons/{redeemable}", new { redeem_by = redeemBy });
        var restored = await api.Admin().PostJson($"/api/coupons/{expired}/restore", new { redeem_by = redeemBy });

        Assert.Equal("redeem_by", await FieldOf(created));
        Assert.Equal("redeem_by", await FieldOf(edited));
        Assert.Equal("redeem_by", await FieldOf(restored));
    }

    [Fact]
    public async Task The_last_day_of_the_range_is_a_redeem_by_date_in_any_site_time_zone_C6()
    {
        var scenario = new Scenario(api);

        var coupon = await api.Admin().PostJson("/api/coupons", new { code = scenario.Code("LAST").ToUpperInvariant(), name = "last day", discount = new { type = "percent", percent = 10 }, redeem_by = "2199-12-31" }).Created();

        Assert.Equal(new DateTimeOffset(2199, 12, 31, 23, 59, 59, TimeSpan.Zero), coupon.GetProperty("redeem_by").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("/api/exports/invoices.csv?from=9999-12-31", "from")]
    [InlineData("/api/exports/coupons.csv?to=1999-12-31", "to")]
    [InlineData("/api/exports/conversions.csv?from=2026-01-01&to=2200-01-02T00:00:00Z", "to")]
    [InlineData("/api/tracking/report?from=2199-12-30&to=2200-01-01", "to")]
    [InlineData("/api/tracking/report?from=1999-12-31&to=2000-01-05", "from")]
    [InlineData("/api/invoices?created_from=9999-12-31T00:00:00Z", "created_from")]
    [InlineData("/api/accounts?created_to=1999-12-31T23:59:59Z", "created_to")]
    [InlineData("/api/tracking/conversions?created_from=2200-01-01T00:00:01Z", "created_from")]
    public async Task Date_filters_outside_the_accepted_range_are_refused_naming_the_field_D3_T7(string url, string field)
    {
        var response = await api.Admin().GetAsync(url);

        Assert.Equal(field, await FieldOf(response));
    }

    [Theory]
    [InlineData("begin_time=9999-12-31T00:00:00Z", "begin_time")]
    [InlineData("end_time=1999-01-01T00:00:00Z", "end_time")]
    public async Task The_Recurly_surface_refuses_list_times_outside_the_accepted_range_naming_the_parameter(string query, string parameter)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(RecurlyKey + ":")));
        client.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.recurly.v2021-02-25+json");

        var response = await client.GetAsync($"/recurly/coupons?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("validation", error.GetProperty("type").GetString());
        Assert.Equal(parameter, error.GetProperty("params")[0].GetProperty("param").GetString());
    }

    /// <summary>
    /// The issue's stall: a clock near DateTimeOffset's end stalled the bill run and made new subscriptions 500. At the
    /// accepted range's end, a subscription with a 999-year trial plan and a 9999-year temporal coupon is created, the
    /// bill run renews a monthly one up to 2200-01-01 and answers, and the clock goes no further.
    /// </summary>
    [Fact]
    public async Task At_the_end_of_the_accepted_range_subscriptions_start_the_bill_run_answers_and_the_clock_stops_S6_C5()
    {
        using var host = new BillingApiFactory();
        var scenario = new Scenario(host);
        await host.Admin().PostJson("/api/test-clock", new { now = new DateTimeOffset(2199, 11, 1, 0, 0, 0, TimeSpan.Zero) }).Ok();
        string monthly = await Plan(host, scenario.Code("monthly"), new { length = 1, unit = "month" }, null);
        string ages = await Plan(host, scenario.Code("ages"), new { length = 999, unit = "year" }, new { length = 999, unit = "year" });
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string forAges = scenario.Code("AGES").ToUpperInvariant();
        await host.Admin().PostJson("/api/coupons", new { code = forAges, name = "for ages", discount = new { type = "percent", percent = 10 }, duration = new { type = "temporal", amount = 9999, unit = "year" } }).Created();

        var renewing = await host.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = monthly, currency = "USD", coupon_codes = new[] { forAges } }).Created();
        var trial = await host.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = ages, currency = "USD" }).Created();
        await host.Admin().PostJson("/api/test-clock", new { now = InstantRange.Latest }).Ok();
        var run = await host.Admin().PostAsync("/api/bill-runs", null).Ok();
        var beyond = await host.Admin().PostJson("/api/test-clock", new { now = InstantRange.Latest.AddSeconds(1) });

        Assert.Equal(2, run.GetProperty("invoiced").GetInt32());
        var renewed = await host.Business().GetJson($"/api/subscriptions/{renewing.GetProperty("id").GetString()}");
        Assert.Equal(InstantRange.Latest, renewed.GetProperty("current_period_start").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2200, 2, 1, 0, 0, 0, TimeSpan.Zero), renewed.GetProperty("current_period_end").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(3198, 11, 1, 0, 0, 0, TimeSpan.Zero), trial.GetProperty("current_period_end").GetDateTimeOffset());
        var invoices = (await host.Business().GetJson($"/api/invoices?subscription_id={renewing.GetProperty("id").GetString()}")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([1.50m, 1.50m, 1.50m], invoices.Select(i => i.GetProperty("discount_total").GetDecimal()));
        Assert.Equal("now", await FieldOf(beyond));
    }

    private static async Task<string> Plan(BillingApiFactory host, string code, object interval, object? trial)
    {
        await host.Admin().PostJson("/api/plans", new { code, name = code, interval, trial, currencies = new[] { new { currency = "USD", unit_amount = 15m, setup_fee = 0m } } }).Created();
        return code;
    }
}
