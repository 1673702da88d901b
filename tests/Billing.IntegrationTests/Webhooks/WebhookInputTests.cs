using System.Net;
using Billing.Webhooks.Infrastructure;
using Billing.Webhooks.Infrastructure.Delivery;
using Microsoft.Extensions.Options;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Webhooks' guards (issue 16): SSRF at registration and at connect, and bad input as problem details with stable codes.</summary>
public sealed class WebhookInputTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hooks")]
    [InlineData("http://localhost/hooks")]
    [InlineData("http://[::1]/hooks")]
    [InlineData("http://10.1.2.3/hooks")]
    [InlineData("https://192.168.0.10/hooks")]
    [InlineData("http://172.16.5.4/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[fe80::1]/hooks")]
    [InlineData("http://[fd00::1]/hooks")]
    [InlineData("http://100.64.0.1/hooks")]
    [InlineData("http://0.0.0.0/hooks")]
    [InlineData("http://[::ffff:10.0.0.1]/hooks")]
    public async Task Outside_development_an_endpoint_on_a_loopback_private_or_link_local_address_is_refused(string url)
    {
        using var production = new HostEnvironmentFactory("Production", HostEnvironmentFactory.Valid());
        var admin = production.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", BillingApiFactory.AdminToken);

        await (await admin.PostJson("/api/webhook-endpoints", new { url, events = new[] { "*" } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "webhook_url_not_allowed");

        Assert.Empty((await admin.GetJson("/api/webhook-endpoints")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Allowing_loopback_outside_development_lets_a_loopback_receiver_in_but_no_private_address()
    {
        var settings = HostEnvironmentFactory.Valid();
        settings["Billing:Webhooks:AllowLoopback"] = "true";
        using var production = new HostEnvironmentFactory("Production", settings);
        var admin = production.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", BillingApiFactory.AdminToken);

        await admin.PostJson("/api/webhook-endpoints", new { url = "http://127.0.0.1:8080/hooks", events = new[] { "*" } }).Created();
        await (await admin.PostJson("/api/webhook-endpoints", new { url = "http://10.0.0.7/hooks", events = new[] { "*" } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "webhook_url_not_allowed");
    }

    [Fact]
    public async Task At_connect_time_a_post_to_a_refused_address_is_never_sent_whatever_was_checked_at_registration()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        using var refused = ClientWith(new WebhookOptions { AllowLoopback = false });
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => refused.PostAsync(receiver.Url, new StringContent("{}")));
        Assert.Contains("may not be posted to", error.GetBaseException().Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Posts);

        using var allowed = ClientWith(new WebhookOptions { AllowLoopback = true });
        Assert.Equal(HttpStatusCode.OK, (await allowed.PostAsync(receiver.Url, new StringContent("{}"))).StatusCode);
        Assert.Single(receiver.Posts);
    }

    [Theory]
    [InlineData("8.8.8.8", nameof(AddressKind.Public))]
    [InlineData("2606:4700:4700::1111", nameof(AddressKind.Public))]
    [InlineData("127.0.0.2", nameof(AddressKind.Loopback))]
    [InlineData("::1", nameof(AddressKind.Loopback))]
    [InlineData("10.0.0.1", nameof(AddressKind.NonPublic))]
    [InlineData("172.31.255.255", nameof(AddressKind.NonPublic))]
    [InlineData("172.32.0.1", nameof(AddressKind.Public))]
    [InlineData("169.254.169.254", nameof(AddressKind.NonPublic))]
    [InlineData("100.127.0.1", nameof(AddressKind.NonPublic))]
    [InlineData("224.0.0.1", nameof(AddressKind.NonPublic))]
    [InlineData("::ffff:192.168.1.1", nameof(AddressKind.NonPublic))]
    [InlineData("::ffff:127.0.0.1", nameof(AddressKind.Loopback))]
    [InlineData("64:ff9b::a00:1", nameof(AddressKind.NonPublic))]
    [InlineData("2002:a00:1::", nameof(AddressKind.NonPublic))]
    [InlineData("fc00::1", nameof(AddressKind.NonPublic))]
    [InlineData("fe80::1", nameof(AddressKind.NonPublic))]
    [InlineData("::", nameof(AddressKind.NonPublic))]
    public void Addresses_are_classified_as_public_loopback_or_non_public(string address, string kind) =>
        Assert.Equal(kind, WebhookAddressPolicy.Classify(IPAddress.Parse(address)).ToString());

    [Fact]
    public async Task Bad_webhook_input_is_refused_with_problem_details_and_stable_codes_and_stores_nothing()
    {
        var admin = api.Admin();
        var missingUrl = await (await admin.PostJson("/api/webhook-endpoints", new { events = new[] { "*" } })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(missingUrl.GetProperty("errors").TryGetProperty("url", out _));
        await (await admin.PostJson("/api/webhook-endpoints", new { url = "ftp://example.com/x", events = new[] { "*" } })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.PostJson("/api/webhook-endpoints", new { url = "https://user:pw@example.com/x", events = new[] { "*" } })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.PostJson("/api/webhook-endpoints", new { url = "/relative", events = new[] { "*" } })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.PostJson("/api/webhook-endpoints", new { url = "https://example.com/x", events = Array.Empty<string>() })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var unknownType = await (await admin.PostJson("/api/webhook-endpoints", new { url = "https://example.com/x", events = new[] { "invoice.issued", "invoice.nope" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(unknownType.GetProperty("errors").TryGetProperty("events[1]", out _), unknownType.GetRawText());
        await (await admin.PostJson("/api/webhook-endpoints", new { url = "https://example.com/x", events = new[] { "*" }, secret = "mine" })).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_json");
        await (await admin.PostJson("/api/webhook-endpoints", new { url = "http://billing-test-host.invalid/x", events = new[] { "*" } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "webhook_url_unresolvable");

        await (await admin.GetAsync("/api/webhook-endpoints/we_missing")).ShouldBeProblem(HttpStatusCode.NotFound, "webhook_endpoint_not_found");
        await (await admin.GetAsync("/api/webhook-endpoints/we_missing/deliveries")).ShouldBeProblem(HttpStatusCode.NotFound, "webhook_endpoint_not_found");
        await (await admin.PostJson("/api/webhook-endpoints/we_missing/disable", new { })).ShouldBeProblem(HttpStatusCode.NotFound, "webhook_endpoint_not_found");
        await (await admin.DeleteAsync("/api/webhook-endpoints/we_missing")).ShouldBeProblem(HttpStatusCode.NotFound, "webhook_endpoint_not_found");
        await (await admin.PostJson("/api/webhook-deliveries/whd_missing/retry", new { })).ShouldBeProblem(HttpStatusCode.NotFound, "webhook_delivery_not_found");
        await (await admin.GetAsync("/api/events?after=evt_missing")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.GetAsync("/api/events?limit=0")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.GetAsync("/api/events?limit=201")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.GetAsync("/api/events?type=invoice.paid")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().GetAsync("/api/events")).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM webhooks_endpoints"));
    }

    private static HttpClient ClientWith(WebhookOptions options)
    {
        var policy = new WebhookAddressPolicy(Options.Create(options));
        return new HttpClient(new SocketsHttpHandler { ConnectCallback = policy.ConnectAsync, UseProxy = false });
    }
}
