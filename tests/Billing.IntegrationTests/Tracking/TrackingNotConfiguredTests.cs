using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>T1/T6 on a database where nobody has created the couponredeem conversion type.</summary>
public sealed class TrackingNotConfiguredTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task Without_the_couponredeem_type_a_signup_with_a_coupon_succeeds_and_nothing_is_tracked_T1_T6()
    {
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        await api.PutCard(scenario.Code("acct"), PaymentHttp.Succeeds).Ok();
        string coupon = $"UNTRACKED-{scenario.Suffix}";
        await scenario.PercentCoupon(coupon, 10);

        await api.Business().PostJson("/api/subscriptions", new { account_code = scenario.Code("acct"), plan_code = scenario.Code("plan"), currency = "USD", coupon_codes = new[] { coupon } }).Created();
        await api.DeliverEventsAsync();

        var redemption = Assert.Single((await api.Business().GetJson($"/api/accounts/{scenario.Code("acct")}/redemptions")).GetProperty("data").EnumerateArray());
        Assert.Equal("active", redemption.GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, redemption.GetProperty("cid").ValueKind);
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM tracking_conversions"));
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE ProcessedAt IS NULL") + api.Scalar("SELECT COUNT(*) FROM invoicing_outbox WHERE ProcessedAt IS NULL"));
        Assert.True(api.Scalar("SELECT COUNT(*) FROM tracking_inbox") >= 2, "Tracking handled the redemption and the paid invoice, and tracked neither");
    }

    [Fact]
    public async Task A_posted_coupon_redeem_before_the_couponredeem_type_exists_is_422_unknown_conversion_type_and_stores_nothing_T1()
    {
        var response = await api.Business().PostConversion(new { couponCode = "SAVE10", status = "CONVERSION_STATUS_APPROVED", conversionTypeCode = "couponredeem", geoLocation = "US" });

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown_conversion_type");
        Assert.Contains("couponredeem", (await response.Body()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM tracking_conversions"));
    }
}
