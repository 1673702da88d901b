using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>P2: an account's collection method, automatic (the default) or manual, and what each does to its invoices.</summary>
public sealed class CollectionMethodTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task An_account_collects_automatically_unless_created_manual_and_says_so_P2()
    {
        var scenario = new Scenario(api);
        string automatic = scenario.Code("auto");
        string manual = scenario.Code("manual");

        var created = await scenario.Account(automatic);
        var createdManual = await api.Business().PostJson("/api/accounts", new { code = manual, email = "ap@example.test", country = "US", collection_method = "manual" }).Created();

        Assert.Equal("automatic", created.GetProperty("collection_method").GetString());
        Assert.Equal("manual", createdManual.GetProperty("collection_method").GetString());
        Assert.Equal("manual", (await api.Business().GetJson($"/api/accounts/{manual}")).GetProperty("collection_method").GetString());
    }

    [Fact]
    public async Task A_manual_account_is_never_charged_though_it_has_a_card_and_its_invoice_waits_for_a_recorded_payment_P2()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        await api.Business().PutJson($"/api/accounts/{account}/collection-method", new { collection_method = "manual" }).Ok();

        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        await api.Admin().PostAsync($"/api/invoices/{number}/collect", null).Ok();

        Assert.Equal("pending", (await api.Invoice(number)).GetProperty("state").GetString());
        Assert.Equal(0, api.ChargesOf(number));
        Assert.Empty(await api.Transactions(number));
        var paid = await api.Admin().PostJson($"/api/invoices/{number}/payments", new { amount = 65.00m, reference = "wire-7" }).Ok();
        Assert.Equal("paid", paid.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Turning_a_manual_account_automatic_charges_its_open_invoice_at_once_P2_P3()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        await api.Business().PutJson($"/api/accounts/{account}/collection-method", new { collection_method = "manual" }).Ok();
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        Assert.Equal("pending", (await api.Invoice(number)).GetProperty("state").GetString());

        var turned = await api.Business().PutJson($"/api/accounts/{account}/collection-method", new { collection_method = "automatic" }).Ok();

        Assert.Equal("automatic", turned.GetProperty("collection_method").GetString());
        Assert.Equal("paid", (await api.Invoice(number)).GetProperty("state").GetString());
        Assert.Equal(1, api.ChargesOf(number));
    }

    [Fact]
    public async Task An_account_turned_manual_is_not_charged_at_renewal_nor_by_dunning_P2_P4()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        var subscription = await api.SubscribeAsync(account, plan);
        Assert.Equal("paid", (await api.Invoice(subscription.InvoiceNumber())).GetProperty("state").GetString());
        await api.Business().PutJson($"/api/accounts/{account}/collection-method", new { collection_method = "manual" }).Ok();
        var periodEnd = subscription.GetProperty("current_period_end").GetDateTimeOffset();
        string id = subscription.GetProperty("id").GetString()!;

        await api.BillRunAtAsync(periodEnd.AddMinutes(1));
        await api.BillRunAtAsync(periodEnd.AddDays(8));

        long renewal = api.Scalar($"SELECT MAX(Number) FROM invoicing_invoices WHERE SubscriptionId = '{id}'");
        Assert.NotEqual(subscription.InvoiceNumber(), renewal);
        Assert.Equal("pending", (await api.Invoice(renewal)).GetProperty("state").GetString());
        Assert.Equal(0, api.ChargesOf(renewal));
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("")]
    [InlineData("Manual")]
    public async Task A_collection_method_that_is_not_automatic_or_manual_is_refused_naming_the_field_and_changes_nothing_P2(string method)
    {
        var scenario = new Scenario(api);
        string account = scenario.Code("acct");
        await scenario.Account(account);

        var refused = await (await api.Business().PutJson($"/api/accounts/{account}/collection-method", new { collection_method = method }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().PostJson("/api/accounts", new { code = scenario.Code("other"), email = "x@example.test", country = "US", collection_method = method }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("collection_method", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal("automatic", (await api.Business().GetJson($"/api/accounts/{account}")).GetProperty("collection_method").GetString());
    }

    [Fact]
    public async Task The_collection_method_of_an_unknown_account_is_not_found_P2()
    {
        await (await api.Business().PutJson("/api/accounts/nobody-here/collection-method", new { collection_method = "manual" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
    }
}
