using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 16: PATCH /accounts/{code} changes what is given and nothing else; bad input changes nothing.</summary>
public sealed class AccountUpdateTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task Patching_an_account_changes_only_the_fields_given()
    {
        var scenario = new Scenario(api);
        string code = (await scenario.Account(taxRate: 5m)).GetProperty("code").GetString()!;

        var emailOnly = await api.Business().PatchJson($"/api/accounts/{code}", new { email = "new@example.test" }).Ok();
        var rest = await api.Business().PatchJson($"/api/accounts/{code}", new { country = "DE", tax_rate = 19.0m, collection_method = "manual" }).Ok();
        var read = await api.Business().GetJson($"/api/accounts/{code}");

        Assert.Equal("new@example.test", emailOnly.GetProperty("email").GetString());
        Assert.Equal("US", emailOnly.GetProperty("country").GetString());
        Assert.Equal(5m, emailOnly.GetProperty("tax_rate").GetDecimal());
        Assert.Equal("DE", rest.GetProperty("country").GetString());
        Assert.Equal("new@example.test", read.GetProperty("email").GetString());
        Assert.Equal(19m, read.GetProperty("tax_rate").GetDecimal());
        Assert.Equal("manual", read.GetProperty("collection_method").GetString());
        Assert.Equal(read.GetProperty("created_at").GetString(), emailOnly.GetProperty("created_at").GetString());
    }

    [Theory]
    [InlineData("""{"email":"new@example.test","country":"de"}""", "country")]
    [InlineData("""{"email":"new@example.test","tax_rate":101}""", "tax_rate")]
    [InlineData("""{"email":"new@example.test","tax_rate":null}""", "tax_rate")]
    [InlineData("""{"email":"not an email"}""", "email")]
    [InlineData("""{"email":"new@example.test","collection_method":"sometimes"}""", "collection_method")]
    public async Task A_patch_with_one_bad_field_is_refused_naming_it_and_changes_nothing(string body, string field)
    {
        string code = (await new Scenario(api).Account()).GetProperty("code").GetString()!;

        var response = await api.Business().PatchAsync($"/api/accounts/{code}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        var unchanged = await api.Business().GetJson($"/api/accounts/{code}");
        Assert.Equal("billing@example.test", unchanged.GetProperty("email").GetString());
        Assert.Equal("automatic", unchanged.GetProperty("collection_method").GetString());
    }

    [Fact]
    public async Task The_code_cannot_be_patched_and_an_unknown_account_is_account_not_found()
    {
        string code = (await new Scenario(api).Account()).GetProperty("code").GetString()!;

        await (await api.Business().PatchJson($"/api/accounts/{code}", new { code = "other" })).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_json");
        await (await api.Business().PatchJson("/api/accounts/nobody-here", new { email = "a@example.test" })).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
    }

    [Fact]
    public async Task Patching_a_manual_account_automatic_charges_its_open_invoice_at_once_as_the_collection_method_endpoint_does_P2()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        await api.Business().PatchJson($"/api/accounts/{account}", new { collection_method = "manual" }).Ok();
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        Assert.Equal("pending", (await api.Invoice(number)).GetProperty("state").GetString());

        var turned = await api.Business().PatchJson($"/api/accounts/{account}", new { collection_method = "automatic" }).Ok();

        Assert.Equal("automatic", turned.GetProperty("collection_method").GetString());
        Assert.Equal("paid", (await api.Invoice(number)).GetProperty("state").GetString());
        Assert.Equal(1, api.ChargesOf(number));
    }
}
