using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>The Tracking endpoints of API.md through HTTP: seed 000's calls (T2, T3), refusals (T1, T4), statuses (T5), the report (T7).</summary>
public sealed class TrackingEndpointTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private long Rows(string table, string where = "1 = 1") => api.Scalar($"SELECT COUNT(*) FROM {table} WHERE {where}");

    private long Conversions() => Rows("tracking_conversions");

    private long LoggedErrors() => Rows("tracking_conversion_errors");

    private async Task<string> RevenueOrigin()
    {
        string id = Guid.NewGuid().ToString();
        await api.Admin().PostJson("/api/tracking/revenue-origins", new { id, name = "Affiliate network" }).Created();
        return id;
    }

    private async Task<JsonElement> Sale(string cid, string externalId, string value = "100.5", string? status = null) =>
        await api.Business().PostConversion(new { cid, conversionTypeCode = "sale", amount = new { value }, externalId, status }).Created();

    [Fact]
    public async Task An_admin_creates_a_conversion_type_once_and_creating_it_again_is_409_T1()
    {
        string code = $"lead_{new Scenario(api).Suffix}";

        var created = await api.Admin().PostJson("/api/tracking/conversion-types", new { code, name = "Lead" }).Created();
        var again = await api.Admin().PostJson("/api/tracking/conversion-types", new { code, name = "Lead again" });

        Assert.Equal(code, created.GetProperty("code").GetString());
        await again.AssertProblem(HttpStatusCode.Conflict, "conversion_type_exists");
        Assert.Equal(1, Rows("tracking_conversion_types", $"Code = '{code}' AND Name = 'Lead'"));
    }

    [Fact]
    public async Task An_admin_creates_a_revenue_origin_once_and_creating_it_again_is_409_T1()
    {
        string id = await RevenueOrigin();

        var again = await api.Admin().PostJson("/api/tracking/revenue-origins", new { id, name = "Again" });

        await again.AssertProblem(HttpStatusCode.Conflict, "revenue_origin_exists");
        Assert.Equal(1, Rows("tracking_revenue_origins", $"Id = '{id}' AND Name = 'Affiliate network'"));
    }

    [Fact]
    public async Task Conversion_types_and_revenue_origins_are_created_by_admins_only_and_a_business_token_stores_nothing_T1()
    {
        long types = Rows("tracking_conversion_types");
        long origins = Rows("tracking_revenue_origins");

        var type = await api.Business().PostJson("/api/tracking/conversion-types", new { code = "lead_by_business", name = "Lead" });
        var origin = await api.Business().PostJson("/api/tracking/revenue-origins", new { id = "origin-by-business", name = "Origin" });

        await type.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        await origin.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(types, Rows("tracking_conversion_types"));
        Assert.Equal(origins, Rows("tracking_revenue_origins"));
    }

    [Fact]
    public async Task Invalid_conversion_types_and_revenue_origins_are_400_and_store_nothing_T1()
    {
        long types = Rows("tracking_conversion_types");
        long origins = Rows("tracking_revenue_origins");

        var type = await api.Admin().PostJson("/api/tracking/conversion-types", new { code = "Coupon Redeem", name = "" });
        var origin = await api.Admin().PostJson("/api/tracking/revenue-origins", new { id = "not a slug", name = "Origin" });

        await type.AssertProblem(HttpStatusCode.BadRequest, "validation_failed");
        await origin.AssertProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True((await type.Body()).GetProperty("errors").TryGetProperty("code", out _));
        Assert.True((await origin.Body()).GetProperty("errors").TryGetProperty("id", out _));
        Assert.Equal(types, Rows("tracking_conversion_types"));
        Assert.Equal(origins, Rows("tracking_revenue_origins"));
    }

    [Fact]
    public async Task The_seed_s_coupon_redeem_call_answers_201_with_a_new_cid_in_the_seed_s_camel_case_T2()
    {
        await api.CouponRedeemTypeExists();
        string origin = await RevenueOrigin();

        var response = await api.Business().PostConversionJson($$"""
            {"couponCode": "SAVE10", "status": "CONVERSION_STATUS_APPROVED", "conversionTypeCode": "couponredeem", "geoLocation": "US", "revenueOriginId": "{{origin}}"}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Body();
        string cid = body.GetProperty("cid").GetString()!;
        Assert.StartsWith("cid_", cid, StringComparison.Ordinal);
        Assert.StartsWith("conv_", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("couponredeem", body.GetProperty("conversionTypeCode").GetString());
        Assert.Equal("CONVERSION_STATUS_APPROVED", body.GetProperty("status").GetString());
        Assert.Equal("SAVE10", body.GetProperty("couponCode").GetString());
        Assert.Equal("US", body.GetProperty("geoLocation").GetString());
        Assert.Equal(origin, body.GetProperty("revenueOriginId").GetString());
        Assert.False(body.TryGetProperty("conversion_type_code", out _));
        Assert.Equal(1, Rows("tracking_conversions", $"Cid = '{cid}' AND ConversionTypeCode = 'couponredeem' AND RevenueOriginId = '{origin}'"));
    }

    [Fact]
    public async Task Each_coupon_redeem_opens_its_own_cid_T2()
    {
        string first = await api.RedeemCid("SAVE10");
        string second = await api.RedeemCid("SAVE10");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_coupon_redeem_without_geo_location_is_placed_in_the_US_and_a_lower_case_one_is_kept_in_capitals_T2()
    {
        await api.CouponRedeemTypeExists();

        var unknown = await api.Business().PostConversion(new { couponCode = "SAVE10", conversionTypeCode = "couponredeem" }).Created();
        var german = await api.Business().PostConversion(new { couponCode = "SAVE10", conversionTypeCode = "couponredeem", geoLocation = "de" }).Created();

        Assert.Equal("US", unknown.GetProperty("geoLocation").GetString());
        Assert.Equal("CONVERSION_STATUS_APPROVED", unknown.GetProperty("status").GetString());
        Assert.Equal("DE", german.GetProperty("geoLocation").GetString());
    }

    [Fact]
    public async Task The_seed_s_sale_call_on_that_cid_answers_201_and_keeps_the_amount_exactly_T3()
    {
        string couponCode = $"SALE-{new Scenario(api).Suffix}";
        string cid = await api.RedeemCid(couponCode);
        string externalId = $"ch_{Guid.NewGuid():N}";

        var sale = await api.Business().PostConversionJson($$"""
            {"cid": "{{cid}}", "conversionTypeCode": "sale", "amount": {"value": "100.5"}, "externalId": "{{externalId}}",
             "customerId": "cus_42", "customParams": {"advS1": "campaign-7", "advS5": "newsletter"} }
            """).Created();

        Assert.Equal(cid, sale.GetProperty("cid").GetString());
        Assert.Equal("100.5", sale.GetProperty("amount").GetProperty("value").GetString());
        Assert.Equal(couponCode, sale.GetProperty("couponCode").GetString());
        Assert.Equal("CONVERSION_STATUS_APPROVED", sale.GetProperty("status").GetString());
        Assert.Equal("campaign-7", sale.GetProperty("customParams").GetProperty("advS1").GetString());
        Assert.Equal(1_005_000, api.Scalar($"SELECT Amount FROM tracking_conversions WHERE ExternalId = '{externalId}'"));
        var listed = (await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale")).GetProperty("data").EnumerateArray().Single();
        Assert.Equal("100.5", listed.GetProperty("amount").GetString());
        Assert.Equal("approved", listed.GetProperty("status").GetString());
        Assert.Equal("cus_42", listed.GetProperty("customer_id").GetString());
        Assert.Equal("newsletter", listed.GetProperty("custom_params").GetProperty("adv_s5").GetString());
    }

    [Fact]
    public async Task A_sale_on_a_cid_no_coupon_redeem_opened_is_422_unknown_cid_and_stores_nothing_T3()
    {
        long before = Conversions();

        var response = await api.Business().PostConversion(new { cid = "cid_nobodyopenedthis0", conversionTypeCode = "sale", amount = new { value = "10" }, externalId = "ch_orphan" });

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown_cid");
        Assert.Equal(before, Conversions());
    }

    [Fact]
    public async Task A_conversion_of_a_type_that_was_never_created_is_422_unknown_conversion_type_and_stores_nothing_T1()
    {
        string cid = await api.RedeemCid("SAVE10");
        long before = Conversions();

        var response = await api.Business().PostConversion(new { cid, conversionTypeCode = "upsell", externalId = "up_1" });

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown_conversion_type");
        Assert.Equal(before, Conversions());
    }

    [Fact]
    public async Task A_conversion_naming_a_revenue_origin_that_was_never_created_is_422_unknown_revenue_origin_and_stores_nothing_T1()
    {
        await api.CouponRedeemTypeExists();
        long before = Conversions();

        var response = await api.Business().PostConversion(new { couponCode = "SAVE10", conversionTypeCode = "couponredeem", revenueOriginId = "no-such-origin" });

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown_revenue_origin");
        Assert.Equal(before, Conversions());
    }

    [Fact]
    public async Task A_repeated_external_id_is_409_duplicate_external_id_naming_the_existing_conversion_and_is_logged_T4()
    {
        string cid = await api.RedeemCid("SAVE10");
        string externalId = $"ch_{Guid.NewGuid():N}";
        var first = await Sale(cid, externalId);
        string existing = first.GetProperty("id").GetString()!;
        long conversions = Conversions();
        long errors = LoggedErrors();

        var again = await api.Business().PostConversion(new { cid, conversionTypeCode = "sale", amount = new { value = "999" }, externalId });

        await again.AssertProblem(HttpStatusCode.Conflict, "duplicate_external_id");
        var problem = await again.Body();
        Assert.Equal(existing, problem.GetProperty("existingConversionId").GetString());
        Assert.Contains(existing, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(conversions, Conversions());
        Assert.Equal("100.5", (await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale")).GetProperty("data").EnumerateArray().Single().GetProperty("amount").GetString());
        Assert.Equal(errors + 1, LoggedErrors());
        var logged = (await api.Business().GetJson("/api/tracking/errors?limit=200")).GetProperty("data").EnumerateArray().Single(e => e.GetProperty("external_id").GetString() == externalId);
        Assert.Equal("duplicate_external_id", logged.GetProperty("code").GetString());
        Assert.Equal(existing, logged.GetProperty("existing_conversion_id").GetString());
        Assert.Equal(problem.GetProperty("errorId").GetString(), logged.GetProperty("id").GetString());
        Assert.Equal(cid, logged.GetProperty("cid").GetString());
    }

    [Fact]
    public async Task The_same_external_id_is_a_new_conversion_under_another_conversion_type_T3()
    {
        string type = $"refund_{new Scenario(api).Suffix}";
        await api.Admin().PostJson("/api/tracking/conversion-types", new { code = type, name = "Refund" }).Created();
        string cid = await api.RedeemCid("SAVE10");
        string externalId = $"ch_{Guid.NewGuid():N}";
        await Sale(cid, externalId);

        var refund = await api.Business().PostConversion(new { cid, conversionTypeCode = type, externalId });

        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);
        Assert.Equal(2, Rows("tracking_conversions", $"ExternalId = '{externalId}'"));
    }

    public static TheoryData<string, string> InvalidConversions => new()
    {
        { """{"conversionTypeCode": "sale", "cid": "cid_x", "amount": {"value": "100,5"}, "externalId": "e1"}""", "amount.value" },
        { """{"conversionTypeCode": "sale", "cid": "cid_x", "amount": {"value": "-3"}, "externalId": "e1"}""", "amount.value" },
        { """{"conversionTypeCode": "sale", "cid": "cid_x", "amount": {"value": "0"}, "externalId": "e1"}""", "amount.value" },
        { """{"conversionTypeCode": "sale", "cid": "cid_x", "amount": {"value": "10.505", "currency": "USD"}, "externalId": "e1"}""", "amount.value" },
        { """{"conversionTypeCode": "sale", "cid": "cid_x", "amount": {"value": "10"}}""", "externalId" },
        { """{"conversionTypeCode": "sale", "cid": "cid_x", "externalId": "e1"}""", "amount" },
        { """{"conversionTypeCode": "sale", "amount": {"value": "10"}, "externalId": "e1"}""", "cid" },
        { """{"conversionTypeCode": "sale", "cid": "cid_x", "amount": {"value": "10"}, "externalId": "e1", "geoLocation": "ZZ"}""", "geoLocation" },
        { """{"conversionTypeCode": "sale", "cid": "cid_x", "amount": {"value": "10"}, "externalId": "e1", "status": "PAID"}""", "status" },
        { """{"conversionTypeCode": "sale", "cid": "cid_x", "amount": {"value": "10"}, "externalId": "e1", "customParams": {"advS2": "[256]"}}""", "customParams.advS2" },
        { """{"conversionTypeCode": "couponredeem", "couponCode": "SAVE10", "cid": "cid_x"}""", "cid" },
        { """{"conversionTypeCode": "couponredeem"}""", "couponCode" },
        { """{}""", "conversionTypeCode" },
    };

    [Theory]
    [MemberData(nameof(InvalidConversions))]
    public async Task Invalid_fields_answer_400_naming_the_seed_s_camel_case_field_and_store_nothing(string json, string field)
    {
        long conversions = Conversions();
        long errors = LoggedErrors();

        var response = await api.Business().PostConversionJson(json.Replace("[256]", new string('x', 256), StringComparison.Ordinal));

        await response.AssertProblem(HttpStatusCode.BadRequest, "validation_failed");
        var fieldErrors = (await response.Body()).GetProperty("errors");
        Assert.True(fieldErrors.TryGetProperty(field, out var messages), $"no error for {field}: {fieldErrors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(conversions, Conversions());
        Assert.Equal(errors, LoggedErrors());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1, 2]")]
    [InlineData("""{"conversion_type_code": "sale"}""")]
    [InlineData("""{"conversionTypeCode": "sale", "customParams": {"advS6": "x"}}""")]
    [InlineData("""{"conversionTypeCode": "sale", "amount": {"value": 100.5}}""")]
    public async Task Malformed_json_unknown_fields_and_an_amount_that_is_not_a_string_answer_400_invalid_json_and_store_nothing(string json)
    {
        long conversions = Conversions();

        var response = await api.Business().PostConversionJson(json);

        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid_json");
        Assert.False(string.IsNullOrWhiteSpace((await response.Body()).GetProperty("detail").GetString()));
        Assert.Equal(conversions, Conversions());
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415_and_stores_nothing()
    {
        long conversions = Conversions();

        var response = await api.Business().PostConversionJson("cid=x", "application/x-www-form-urlencoded");

        await response.AssertProblem(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Equal(conversions, Conversions());
    }

    [Fact]
    public async Task Without_a_token_conversions_are_neither_posted_nor_read_401()
    {
        await (await api.Anonymous().PostConversion(new { conversionTypeCode = "sale" })).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await api.Anonymous().GetAsync("/api/tracking/conversions")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_status_sent_in_the_short_form_is_answered_in_the_seed_s_form_T5()
    {
        string cid = await api.RedeemCid("SAVE10");

        var sale = await Sale(cid, $"ch_{Guid.NewGuid():N}", status: "on_hold");

        Assert.Equal("CONVERSION_STATUS_ON_HOLD", sale.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_refund_changes_the_sale_s_status_by_its_external_id_and_the_ledger_is_read_by_status_in_either_form_T5()
    {
        string cid = await api.RedeemCid("SAVE10");
        string externalId = $"ch_{Guid.NewGuid():N}";
        await Sale(cid, externalId);

        var refunded = await api.Business().PatchAsync($"/api/tracking/conversions/{externalId}", JsonContent("""{"status": "refunded"}"""));

        Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        Assert.Equal("CONVERSION_STATUS_REFUNDED", (await refunded.Body()).GetProperty("status").GetString());
        Assert.Equal(1, Rows("tracking_conversions", $"ExternalId = '{externalId}' AND Status = 'refunded'"));
        Assert.Single((await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&status=refunded")).GetProperty("data").EnumerateArray());
        Assert.Single((await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&status=CONVERSION_STATUS_REFUNDED")).GetProperty("data").EnumerateArray());
        Assert.Empty((await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale&status=approved")).GetProperty("data").EnumerateArray());

        var approvedAgain = await api.Business().PatchAsync($"/api/tracking/conversions/{externalId}", JsonContent("""{"status": "CONVERSION_STATUS_APPROVED"}"""));

        Assert.Equal("CONVERSION_STATUS_APPROVED", (await approvedAgain.Body()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_conversion_of_another_type_is_named_with_type_when_its_status_changes_T5()
    {
        string type = $"refund_{new Scenario(api).Suffix}";
        await api.Admin().PostJson("/api/tracking/conversion-types", new { code = type, name = "Refund" }).Created();
        string cid = await api.RedeemCid("SAVE10");
        string externalId = $"ch_{Guid.NewGuid():N}";
        await Sale(cid, externalId);
        await api.Business().PostConversion(new { cid, conversionTypeCode = type, externalId }).Created();

        var changed = await api.Business().PatchAsync($"/api/tracking/conversions/{externalId}?type={type}", JsonContent("""{"status": "fraud"}"""));

        Assert.Equal(type, (await changed.Body()).GetProperty("conversionTypeCode").GetString());
        Assert.Equal(1, Rows("tracking_conversions", $"ExternalId = '{externalId}' AND Status = 'fraud' AND ConversionTypeCode = '{type}'"));
        Assert.Equal(1, Rows("tracking_conversions", $"ExternalId = '{externalId}' AND Status = 'approved' AND ConversionTypeCode = 'sale'"));
    }

    [Fact]
    public async Task Changing_the_status_of_an_external_id_nobody_recorded_is_404_conversion_not_found_T5()
    {
        var response = await api.Business().PatchAsync("/api/tracking/conversions/ch_never_recorded", JsonContent("""{"status": "refunded"}"""));

        await response.AssertProblem(HttpStatusCode.NotFound, "conversion_not_found");
    }

    [Theory]
    [InlineData("""{"status": "paid"}""")]
    [InlineData("""{}""")]
    public async Task A_status_outside_T5_is_400_and_changes_nothing_T5(string body)
    {
        string cid = await api.RedeemCid("SAVE10");
        string externalId = $"ch_{Guid.NewGuid():N}";
        await Sale(cid, externalId);

        var response = await api.Business().PatchAsync($"/api/tracking/conversions/{externalId}", JsonContent(body));

        await response.AssertProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(1, Rows("tracking_conversions", $"ExternalId = '{externalId}' AND Status = 'approved'"));
    }

    [Fact]
    public async Task Reading_the_ledger_by_a_status_outside_T5_is_400_T5() =>
        await (await api.Business().GetAsync("/api/tracking/conversions?status=paid")).AssertProblem(HttpStatusCode.BadRequest, "validation_failed");

    [Fact]
    public async Task The_report_counts_and_sums_conversions_per_day_type_status_and_coupon_code_with_totals_T7()
    {
        string couponCode = $"REPORT-{new Scenario(api).Suffix}";
        string cid = await api.RedeemCid(couponCode);
        await Sale(cid, $"ch_{Guid.NewGuid():N}", "100.5");
        await Sale(cid, $"ch_{Guid.NewGuid():N}", "50.25");
        await Sale(cid, $"ch_{Guid.NewGuid():N}", "20", status: "pending");
        string today = (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var report = await api.Business().GetJson($"/api/tracking/report?from={today}&to={today}");

        Assert.Equal(today, report.GetProperty("from").GetString());
        Assert.Equal(today, report.GetProperty("to").GetString());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        var mine = rows.Where(r => r.GetProperty("coupon_code").GetString() == couponCode)
            .Select(r => (
                Day: r.GetProperty("day").GetString(),
                Type: r.GetProperty("conversion_type_code").GetString(),
                Status: r.GetProperty("status").GetString(),
                Count: r.GetProperty("count").GetInt64(),
                Amount: r.GetProperty("amount").ValueKind == JsonValueKind.Null ? null : r.GetProperty("amount").GetString()))
            .ToList();
        Assert.Equal(
            [(today, "couponredeem", "approved", 1L, null), (today, "sale", "approved", 2L, "150.75"), (today, "sale", "pending", 1L, "20")],
            mine);
        foreach (var total in report.GetProperty("totals").EnumerateArray())
        {
            string type = total.GetProperty("conversion_type_code").GetString()!;
            string? currency = total.GetProperty("currency").ValueKind == JsonValueKind.Null ? null : total.GetProperty("currency").GetString();
            var ofTotal = rows.Where(r => r.GetProperty("conversion_type_code").GetString() == type
                && (r.GetProperty("currency").ValueKind == JsonValueKind.Null ? null : r.GetProperty("currency").GetString()) == currency).ToList();
            Assert.Equal(ofTotal.Sum(r => r.GetProperty("count").GetInt64()), total.GetProperty("count").GetInt64());
        }
    }

    [Theory]
    [InlineData("from=2026-11-22&to=2026-11-21", "from")]
    [InlineData("from=21.11.2026", "from")]
    [InlineData("to=tomorrow", "to")]
    public async Task A_report_period_that_is_not_two_ordered_dates_is_400_naming_the_field_T7(string query, string field)
    {
        var response = await api.Business().GetAsync($"/api/tracking/report?{query}");

        await response.AssertProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty(field, out _));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
