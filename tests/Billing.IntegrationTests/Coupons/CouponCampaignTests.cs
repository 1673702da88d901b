using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 3: creating, reading and searching coupon campaigns (C1–C10) through HTTP.</summary>
public sealed class CouponCampaignTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private long Coupons() => api.Scalar("SELECT COUNT(*) FROM coupons_coupons");

    [Fact]
    public async Task A_coupon_is_created_with_every_field_of_the_contract_and_read_back_C1_to_C10()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("gold");
        await scenario.PlanA(plan);

        var created = await api.Admin().PostJson("/api/coupons", new
        {
            code = $"Spring-{scenario.Suffix}",
            id = $"spring_{scenario.Suffix}",
            name = "Spring campaign",
            discount = new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 10.5m }, new { currency = "JPY", amount = 1500m }, new { currency = "KWD", amount = 1.25m } } },
            duration = new { type = "temporal", amount = 3, unit = "month" },
            max_redemptions = 100,
            max_redemptions_per_account = 2,
            redeem_by = "2030-06-30",
            applies_to = new { all_plans = false, plan_codes = new[] { plan }, non_plan_charges = true },
            redemption_resource = "subscription",
            coupon_type = "single_code",
            hosted_page_description = "Spring sale",
            invoice_description = "Spring sale: 10.50 off",
            metadata = new Dictionary<string, string> { ["campaign"] = "spring", ["channel"] = "email" },
        }).Created();

        var read = await api.Business().GetJson($"/api/coupons/spring_{scenario.Suffix}");
        foreach (var coupon in new[] { created, read })
        {
            Assert.Equal($"Spring-{scenario.Suffix}", coupon.GetProperty("code").GetString());
            Assert.Equal("fixed", coupon.GetProperty("discount").GetProperty("type").GetString());
            Assert.Equal([1500m, 1.25m, 10.5m], coupon.GetProperty("discount").GetProperty("amounts").EnumerateArray().Select(a => a.GetProperty("amount").GetDecimal()));
            Assert.Equal("temporal", coupon.GetProperty("duration").GetProperty("type").GetString());
            Assert.Equal(3, coupon.GetProperty("duration").GetProperty("amount").GetInt32());
            Assert.Equal(new DateTimeOffset(2030, 6, 30, 23, 59, 59, TimeSpan.Zero), coupon.GetProperty("redeem_by").GetDateTimeOffset());
            Assert.Equal(plan, coupon.GetProperty("applies_to").GetProperty("plan_codes")[0].GetString());
            Assert.True(coupon.GetProperty("applies_to").GetProperty("non_plan_charges").GetBoolean());
            Assert.Equal("subscription", coupon.GetProperty("redemption_resource").GetString());
            Assert.Equal("email", coupon.GetProperty("metadata").GetProperty("channel").GetString());
            Assert.Equal("redeemable", coupon.GetProperty("state").GetString());
            Assert.True(coupon.GetProperty("valid").GetBoolean());
            Assert.Equal(0, coupon.GetProperty("times_redeemed").GetInt32());
            Assert.Equal(JsonValueKind.Null, coupon.GetProperty("expired_at").ValueKind);
        }
    }

    [Fact]
    public async Task A_coupon_without_an_id_gets_a_generated_one_starting_with_coupon_C2()
    {
        var scenario = new Scenario(api);

        var coupon = await scenario.PercentCoupon($"GEN-{scenario.Suffix}", 5);

        Assert.StartsWith("coupon_", coupon.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("forever", coupon.GetProperty("duration").GetProperty("type").GetString());
        Assert.Equal("account", coupon.GetProperty("redemption_resource").GetString());
    }

    public static TheoryData<string, string> InvalidCoupons => new()
    {
        { """{"code":"has space","name":"n","discount":{"type":"percent","percent":10}}""", "code" },
        { """{"code":"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ","name":"n","discount":{"type":"percent","percent":10}}""", "code" },
        { """{"code":"OK1","id":"bad-id!","name":"n","discount":{"type":"percent","percent":10}}""", "id" },
        { """{"code":"OK1","name":"","discount":{"type":"percent","percent":10}}""", "name" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":0}}""", "discount.percent" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent"}}""", "discount.percent" },
        { """{"code":"OK1","name":"n","discount":{"type":"half"}}""", "discount.type" },
        { """{"code":"OK1","name":"n","discount":{"type":"fixed","amounts":[]}}""", "discount.amounts" },
        { """{"code":"OK1","name":"n","discount":{"type":"fixed","amounts":[{"currency":"XXX","amount":5}]}}""", "discount.amounts[0].currency" },
        { """{"code":"OK1","name":"n","discount":{"type":"fixed","amounts":[{"currency":"USD","amount":5.001}]}}""", "discount.amounts[0].amount" },
        { """{"code":"OK1","name":"n","discount":{"type":"fixed","amounts":[{"currency":"JPY","amount":5.5}]}}""", "discount.amounts[0].amount" },
        { """{"code":"OK1","name":"n","discount":{"type":"fixed","amounts":[{"currency":"USD","amount":-5}]}}""", "discount.amounts[0].amount" },
        { """{"code":"OK1","name":"n","discount":{"type":"free_trial","trial":{"unit":"year","length":1}}}""", "discount.trial" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10,"amounts":[{"currency":"USD","amount":5}]}}""", "discount.amounts" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"duration":{"type":"temporal"}}""", "duration" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"duration":{"type":"billing_periods","periods":0}}""", "duration.periods" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"max_redemptions":0}""", "max_redemptions" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"redeem_by":"next week"}""", "redeem_by" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"redeem_by":"2020-01-01"}""", "redeem_by" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"applies_to":{"all_plans":false,"plan_codes":[]}}""", "applies_to.plan_codes" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"applies_to":{"all_plans":false,"plan_codes":["no-such-plan"]}}""", "applies_to.plan_codes" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"redemption_resource":"invoice"}""", "redemption_resource" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"coupon_type":"bulk"}""", "unique_code_template" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"coupon_type":"bulk","unique_code_template":"'X'"}""", "unique_code_template" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"unique_code_template":"99"}""", "unique_code_template" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"invoice_description":"TOO_LONG"}""", "invoice_description" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"metadata":{"":"empty key"}}""", "metadata" },
        { """{"code":"OK1","name":"n","discount":{"type":"percent","percent":10},"hosted_page_description":"TOO_LONG"}""", "hosted_page_description" },
    };

    [Theory]
    [MemberData(nameof(InvalidCoupons))]
    public async Task An_invalid_coupon_is_refused_with_an_error_on_the_field_and_nothing_is_stored(string body, string field)
    {
        long before = Coupons();

        var response = await api.Admin().PostAsync("/api/coupons", new StringContent(body.Replace("TOO_LONG", new string('x', 256), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error on {field}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, Coupons());
    }

    [Fact]
    public async Task A_code_is_unique_among_redeemable_coupons_whatever_its_case_C1()
    {
        var scenario = new Scenario(api);
        await scenario.PercentCoupon($"Unique-{scenario.Suffix}", 5);
        long before = Coupons();

        var response = await api.Admin().PostJson("/api/coupons", new { code = $"UNIQUE-{scenario.Suffix}", name = "again", discount = new { type = "percent", percent = 5 } });

        await response.ShouldBeProblem(HttpStatusCode.Conflict, "code_taken");
        Assert.Equal(before, Coupons());
    }

    [Fact]
    public async Task A_merchant_defined_id_is_unique_C2()
    {
        var scenario = new Scenario(api);
        await api.Admin().PostJson("/api/coupons", new { code = $"A-{scenario.Suffix}", id = $"mine_{scenario.Suffix}", name = "a", discount = new { type = "percent", percent = 5 } }).Created();

        var response = await api.Admin().PostJson("/api/coupons", new { code = $"B-{scenario.Suffix}", id = $"mine_{scenario.Suffix}", name = "b", discount = new { type = "percent", percent = 5 } });

        await response.ShouldBeProblem(HttpStatusCode.Conflict, "id_taken");
    }

    [Fact]
    public async Task Coupons_are_listed_by_state_and_searched_in_code_and_name()
    {
        var scenario = new Scenario(api);
        var live = await scenario.PercentCoupon($"FINDME-{scenario.Suffix}", 5);
        var gone = await api.Admin().PostJson("/api/coupons", new { code = $"OTHER-{scenario.Suffix}", name = $"Findme by name {scenario.Suffix}", discount = new { type = "percent", percent = 5 } }).Created();
        await api.Admin().PostAsync($"/api/coupons/{gone.GetProperty("id").GetString()}/expire", null);

        var all = (await api.Business().GetJson($"/api/coupons?q=findme&limit=200")).GetProperty("data");
        var redeemable = (await api.Business().GetJson($"/api/coupons?q={scenario.Suffix}&state=redeemable")).GetProperty("data");
        var expired = (await api.Business().GetJson($"/api/coupons?q={scenario.Suffix}&state=expired")).GetProperty("data");

        Assert.Contains(all.EnumerateArray(), c => c.GetProperty("id").GetString() == live.GetProperty("id").GetString());
        Assert.Contains(all.EnumerateArray(), c => c.GetProperty("id").GetString() == gone.GetProperty("id").GetString());
        Assert.Equal([live.GetProperty("id").GetString()], redeemable.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal([gone.GetProperty("id").GetString()], expired.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        await (await api.Business().GetAsync("/api/coupons?state=sleeping")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_business_token_reads_coupons_but_cannot_create_edit_or_expire_them()
    {
        var scenario = new Scenario(api);
        var coupon = await scenario.PercentCoupon($"RO-{scenario.Suffix}", 5);
        string id = coupon.GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await api.Business().GetAsync($"/api/coupons/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Business().PostJson("/api/coupons", new { code = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Business().PatchJson($"/api/coupons/{id}", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Business().PostAsync($"/api/coupons/{id}/expire", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Business().PutJson("/api/settings/coupons", new { percent_mode = "compound" })).StatusCode);
    }
}
