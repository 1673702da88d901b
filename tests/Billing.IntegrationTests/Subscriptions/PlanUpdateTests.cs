using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 16: PATCH /plans/{code} changes a plan's name, prices (for new subscriptions and for renewals from the next
/// period, never the current one) and appends add-ons; POST /plans/{code}/archive stops new subscriptions (through the
/// API, the checkout and the Recurly surface alike) while existing ones keep renewing. Bad input changes nothing.
/// </summary>
public sealed class PlanUpdateTests : IClassFixture<BillingApiFactory>
{
    private const string RecurlyKey = "plan-update-recurly-key";

    private readonly BillingApiFactory api;

    /// <summary>The Recurly key is set before the fixture's host first starts (the first test's constructor).</summary>
    public PlanUpdateTests(BillingApiFactory api)
    {
        this.api = api;
        api.Settings["Recurly:ApiKeys:Admin:0"] = RecurlyKey;
    }

    private async Task<DateTimeOffset> Now() => (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();

    private Task MoveClock(DateTimeOffset to) => api.Admin().PostJson("/api/test-clock", new { now = to }).Ok();

    private async Task<List<JsonElement>> Invoices(string subscriptionId) =>
        (await api.Business().GetJson($"/api/invoices?subscription_id={subscriptionId}")).GetProperty("data").EnumerateArray().ToList();

    private static decimal PlanLine(JsonElement invoice) =>
        invoice.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("type").GetString() == "plan").GetProperty("unit_amount").GetDecimal();

    private Task<HttpResponseMessage> Patch(string code, string json) =>
        api.Admin().PatchAsync($"/api/plans/{code}", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonElement> Subscribe(string account, string plan) =>
        await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created();

    [Fact]
    public async Task A_new_price_applies_to_new_subscriptions_and_to_the_next_renewal_never_to_the_current_period()
    {
        var scenario = new Scenario(api);
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        var before = await Subscribe(account, plan);
        string id = before.GetProperty("id").GetString()!;
        long firstInvoice = before.InvoiceNumber();

        var patched = await Patch(plan, """{"name":"Plan A+","currencies":[{"currency":"USD","unit_amount":20.00,"setup_fee":50.00},{"currency":"EUR","unit_amount":18.00,"setup_fee":0}]}""").Ok();

        Assert.Equal("Plan A+", patched.GetProperty("name").GetString());
        var prices = patched.GetProperty("currencies").EnumerateArray().ToDictionary(c => c.GetProperty("currency").GetString()!, c => c.GetProperty("unit_amount").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 18.00m, ["USD"] = 20.00m }, prices);
        Assert.Equal("extra", patched.GetProperty("add_ons")[0].GetProperty("code").GetString());
        Assert.Equal(15.00m, PlanLine(await api.Invoice(firstInvoice)));
        var current = await api.Business().GetJson($"/api/subscriptions/{id}");
        Assert.Equal(15.00m, current.GetProperty("original_price").GetDecimal());
        var after = await Subscribe(account, plan);
        Assert.Equal(20.00m, PlanLine(await api.Invoice(after.InvoiceNumber())));

        await MoveClock(current.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1));
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();

        var renewal = (await Invoices(id)).Single(i => i.GetProperty("number").GetInt64() != firstInvoice);
        Assert.Equal(20.00m, PlanLine(renewal));
        Assert.Equal(20.00m, renewal.GetProperty("total").GetDecimal());
        Assert.Equal(20.00m, (await api.Business().GetJson($"/api/subscriptions/{id}")).GetProperty("original_price").GetDecimal());
    }

    [Fact]
    public async Task Add_ons_are_appended_and_an_existing_add_on_code_is_refused_changing_nothing()
    {
        var scenario = new Scenario(api);
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        string account = (await scenario.Account()).GetProperty("code").GetString()!;

        var patched = await Patch(plan, """{"add_ons":[{"code":"support","name":"Support","currencies":[{"currency":"USD","unit_amount":3.00}]}]}""").Ok();
        var taken = await Patch(plan, """{"name":"Renamed","add_ons":[{"code":"extra","name":"Again","currencies":[{"currency":"USD","unit_amount":1.00}]}]}""");

        Assert.Equal(["extra", "support"], patched.GetProperty("add_ons").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        await taken.ShouldBeProblem(HttpStatusCode.Conflict, "add_on_code_taken");
        var read = await api.Business().GetJson($"/api/plans/{plan}");
        Assert.Equal("Plan A", read.GetProperty("name").GetString());
        Assert.Equal(2, read.GetProperty("add_ons").GetArrayLength());
        var subscribed = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", add_ons = new[] { new { code = "support", quantity = 2 } } }).Created();
        Assert.Equal(15.00m + 6.00m, subscribed.GetProperty("original_price").GetDecimal());
    }

    [Theory]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"Plan B","currencies":[]}""", "currencies")]
    [InlineData("""{"name":"Plan B","currencies":null}""", "currencies")]
    [InlineData("""{"name":"Plan B","currencies":[{"currency":"XXY","unit_amount":1,"setup_fee":0}]}""", "currencies[0].currency")]
    [InlineData("""{"name":"Plan B","currencies":[{"currency":"USD","unit_amount":1.005,"setup_fee":0}]}""", "currencies[0].unit_amount")]
    [InlineData("""{"name":"Plan B","currencies":[{"currency":"USD","unit_amount":1,"setup_fee":0},{"currency":"USD","unit_amount":2,"setup_fee":0}]}""", "currencies")]
    [InlineData("""{"name":"Plan B","add_ons":null}""", "add_ons")]
    [InlineData("""{"name":"Plan B","add_ons":[{"code":"a b","name":"A","currencies":[{"currency":"USD","unit_amount":1}]}]}""", "add_ons[0].code")]
    public async Task A_patch_with_one_bad_field_is_refused_naming_it_and_changes_nothing(string body, string field)
    {
        string plan = (await new Scenario(api).PlanA()).GetProperty("code").GetString()!;

        var problem = await (await Patch(plan, body)).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        var unchanged = await api.Business().GetJson($"/api/plans/{plan}");
        Assert.Equal("Plan A", unchanged.GetProperty("name").GetString());
        Assert.Equal(15.00m, unchanged.GetProperty("currencies")[0].GetProperty("unit_amount").GetDecimal());
        Assert.Equal(1, unchanged.GetProperty("currencies").GetArrayLength());
    }

    [Fact]
    public async Task The_code_and_interval_cannot_be_patched_and_an_unknown_plan_is_plan_not_found()
    {
        string plan = (await new Scenario(api).PlanA()).GetProperty("code").GetString()!;

        await (await Patch(plan, """{"interval":{"length":1,"unit":"year"}}""")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_json");
        await (await Patch("no-such-plan", """{"name":"X"}""")).ShouldBeProblem(HttpStatusCode.NotFound, "plan_not_found");
        await (await api.Admin().PostAsync("/api/plans/no-such-plan/archive", null)).ShouldBeProblem(HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task An_archived_plan_refuses_new_subscriptions_and_moves_to_it_while_its_subscriptions_keep_renewing()
    {
        var scenario = new Scenario(api);
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        string other = (await scenario.PlanA(scenario.Code("other"))).GetProperty("code").GetString()!;
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        var existing = await Subscribe(account, plan);
        string onOther = (await Subscribe(account, other)).GetProperty("id").GetString()!;
        var now = await Now();

        var archived = await api.Admin().PostAsync($"/api/plans/{plan}/archive", null).Ok();

        Assert.Equal("archived", archived.GetProperty("state").GetString());
        Assert.Equal(now, archived.GetProperty("archived_at").GetDateTimeOffset());
        Assert.Equal("archived", (await api.Business().GetJson($"/api/plans/{plan}")).GetProperty("state").GetString());
        Assert.Equal("active", (await api.Business().GetJson($"/api/plans/{other}")).GetProperty("state").GetString());
        await (await api.Admin().PostAsync($"/api/plans/{plan}/archive", null)).ShouldBeProblem(HttpStatusCode.Conflict, "plan_already_archived");
        await (await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "plan_archived");
        await (await api.Business().PutJson($"/api/subscriptions/{onOther}", new { plan_code = plan, timeframe = "renewal" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "plan_archived");
        await (await api.Business().PostJson("/api/invoices/preview", new { plan_code = plan, currency = "USD" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "plan_archived");
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM subscriptions_subscriptions WHERE PlanCode = '{plan}'"));

        await MoveClock(existing.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1));
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();

        string id = existing.GetProperty("id").GetString()!;
        Assert.Equal(2, (await Invoices(id)).Count);
        Assert.Equal("active", (await api.Business().GetJson($"/api/subscriptions/{id}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_plan_list_shows_each_plans_state()
    {
        var scenario = new Scenario(api);
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        string active = (await scenario.PlanA(scenario.Code("active"))).GetProperty("code").GetString()!;
        await api.Admin().PostAsync($"/api/plans/{plan}/archive", null).Ok();

        var listed = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await api.Business().GetJson($"/api/plans?limit=200{(cursor is null ? "" : "&cursor=" + cursor)}");
            listed.AddRange(page.GetProperty("data").EnumerateArray());
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal("archived", listed.Single(p => p.GetProperty("code").GetString() == plan).GetProperty("state").GetString());
        Assert.Equal("active", listed.Single(p => p.GetProperty("code").GetString() == active).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_checkout_and_the_Recurly_surface_refuse_an_archived_plan_through_the_same_command()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("pro");
        await api.CheckoutPlan(plan, ("USD", 20.00m));
        var browser = api.Browser();
        var form = await browser.PurchaseForm($"/checkout?offering_id={plan}");
        await api.Admin().PostAsync($"/api/plans/{plan}/archive", null).Ok();
        var recurly = api.CreateClient();
        recurly.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(RecurlyKey + ":")));
        recurly.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.recurly.v2021-02-25+json");

        string checkout = await (await browser.Submit(form, $"archived-{scenario.Suffix}@example.test")).Html();
        var viaRecurly = await recurly.PostJson("/recurly/subscriptions", new { plan_code = plan, currency = "USD", account = new { code = scenario.Code("recurly"), email = "r@example.test", address = new { country = "US" } } });

        Assert.Contains($"Plan '{plan}' is archived", checkout, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, viaRecurly.StatusCode);
        var error = (await viaRecurly.Body()).GetProperty("error");
        Assert.Equal("validation", error.GetProperty("type").GetString());
        Assert.Contains($"Plan '{plan}' is archived", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM subscriptions_subscriptions WHERE PlanCode = '{plan}'"));
    }
}
