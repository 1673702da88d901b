using System.Net;
using System.Text;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 25, item 6: inputs that answered 500 are refused with a 4xx before anything is written, and sums cannot overflow.</summary>
public sealed class BadInputTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("1000000000000000000000000")]
    public async Task A_charge_of_an_amount_too_large_to_scale_to_minor_units_is_refused_with_400_M1(string amount)
    {
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string body = $$$"""{"description":"Huge","currency":"KWD","amount":{{{amount}}}}""";

        var response = await api.Business().PostAsync($"/api/accounts/{account}/charges", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM invoicing_invoices WHERE AccountCode = '{account}'"));
    }

    [Fact]
    public async Task A_plan_priced_beyond_what_minor_units_can_hold_is_refused_with_400()
    {
        var scenario = new Scenario(api);
        string body = $$$"""{"code":"{{{scenario.Code("huge")}}}","name":"Huge","interval":{"length":1,"unit":"month"},"currencies":[{"currency":"USD","unit_amount":79228162514264337593543950335,"setup_fee":0}]}""";

        var response = await api.Admin().PostAsync("/api/plans", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("to=0001-01-05")]
    [InlineData("from=0001-01-01&to=0001-01-02")]
    [InlineData("from=9999-12-30&to=9999-12-31")]
    [InlineData("to=9999-12-31")]
    public async Task Report_dates_near_the_ends_of_the_calendar_are_refused_with_400_T7(string query)
    {
        var response = await api.Admin().GetAsync($"/api/tracking/report?{query}");

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task An_account_code_ending_in_a_newline_is_refused_with_400_and_no_account_is_saved_S2()
    {
        var scenario = new Scenario(api);
        string code = scenario.Code("acme");

        var response = await api.Business().PostJson("/api/accounts", new { code = code + "\n", email = "a@b.co", country = "US" });

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM subscriptions_accounts WHERE Code LIKE '{code}%'"));
    }

    [Fact]
    public async Task The_report_adds_up_more_maximal_sales_than_a_64_bit_sum_holds_exactly_T7()
    {
        var scenario = new Scenario(api);
        string coupon = $"SUM-{scenario.Suffix}";
        await scenario.PercentCoupon(coupon, 10);
        string cid = await api.RedeemCid(coupon);
        var type = await api.Admin().PostJson("/api/tracking/conversion-types", new { code = "sale", name = "Sale" });
        Assert.True(type.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"sale type: {(int)type.StatusCode}");
        var sale = await api.Business().PostConversion(new { cid, status = "CONVERSION_STATUS_APPROVED", conversionTypeCode = "sale", geoLocation = "US", amount = new { value = "1" }, externalId = $"sum-{scenario.Suffix}" }).Created();
        string id = sale.GetProperty("id").GetString()!;

        // 92,300 sales of the largest amount a conversion takes, 9,999,999,999.9999: past long's 922,337,203,685,477.5807.
        api.Scalar($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 92299)
            INSERT INTO tracking_conversions (Id, Cid, ConversionTypeCode, Status, CouponCode, ExternalId, Amount, Currency, GeoLocation,
                RevenueOriginId, CustomerId, CustomParams, AccountCode, SubscriptionId, RedemptionId, CreatedAt)
            SELECT 'conv_sum' || i, Cid, ConversionTypeCode, Status, CouponCode || '-SUM', NULL, Amount, Currency, GeoLocation,
                RevenueOriginId, CustomerId, CustomParams, AccountCode, SubscriptionId, RedemptionId, CreatedAt
            FROM tracking_conversions, n WHERE Id = '{id}'
            """);
        api.Scalar($"UPDATE tracking_conversions SET Amount = 99999999999999, CouponCode = '{coupon}-SUM' WHERE Id = '{id}' OR Id LIKE 'conv_sum%'");

        var response = await api.Admin().GetAsync("/api/tracking/report");

        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"report answered {(int)response.StatusCode}: {body}");
        Assert.Contains("\"922999999999990.77\"", body, StringComparison.Ordinal);
    }
}
