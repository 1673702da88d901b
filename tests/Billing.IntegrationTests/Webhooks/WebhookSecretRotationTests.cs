using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Billing.Host.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 16, Stripe's "roll secret": <c>POST /webhook-endpoints/{id}/rotate-secret</c> answers a new secret once; for
/// <c>expires_in_hours</c> (24 by default, 0–72) a post carries a <c>v1</c> under the new and one under the old secret,
/// after that only the new one; both stored encrypted, neither logged nor listed.
/// </summary>
public sealed class WebhookSecretRotationTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static Task CouponAsync(BillingApiFactory api) => new Scenario(api).PercentCoupon($"ROT{Guid.NewGuid():N}"[..12], 10);

    [Fact]
    public async Task During_the_window_a_post_verifies_with_the_old_and_the_new_secret_and_after_it_with_the_new_one_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        var (endpoint, old) = await WebhookHosts.RegisterAsync(api.Admin(), receiver);
        var rotatedAt = await api.NowAsync();

        var rotated = await api.Admin().PostAsync($"/api/webhook-endpoints/{endpoint}/rotate-secret", null).Ok();
        string secret = rotated.GetProperty("secret").GetString()!;
        await CouponAsync(api);
        await WebhookHosts.DeliverAsync(api, api);
        await api.AdvanceClockAsync(TimeSpan.FromHours(24));
        await CouponAsync(api);
        await WebhookHosts.DeliverAsync(api, api);

        Assert.Equal(endpoint, rotated.GetProperty("id").GetString());
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.NotEqual(old, secret);
        Assert.Equal(rotatedAt.AddHours(24), rotated.GetProperty("previous_secret_expires_at").GetDateTimeOffset());
        Assert.Equal(2, receiver.Posts.Count);
        var (during, after) = (receiver.Posts[0], receiver.Posts[1]);
        Assert.Equal(2, WebhookReceiver.SignatureCount(during));
        Assert.True(WebhookReceiver.Verifies(during, secret, rotatedAt, Tolerance), $"signature {during.Signature} does not verify with the new secret");
        Assert.True(WebhookReceiver.Verifies(during, old, rotatedAt, Tolerance), $"signature {during.Signature} does not verify with the old secret");
        Assert.Equal(1, WebhookReceiver.SignatureCount(after));
        Assert.True(WebhookReceiver.Verifies(after, secret, await api.NowAsync(), Tolerance), $"signature {after.Signature} does not verify with the new secret");
        Assert.False(WebhookReceiver.Verifies(after, old, await api.NowAsync(), Tolerance));
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM webhooks_endpoints WHERE Id = '{endpoint}' AND (PreviousSecret IS NOT NULL OR PreviousSecretExpiresAt IS NOT NULL)"));
    }

    [Fact]
    public async Task An_endpoint_shows_when_its_replaced_secret_stops_signing_while_it_signs_and_null_otherwise_never_a_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        var admin = api.Admin();
        var (endpoint, old) = await WebhookHosts.RegisterAsync(admin, receiver);
        var before = await admin.GetJson($"/api/webhook-endpoints/{endpoint}");
        var rotatedAt = await api.NowAsync();

        string secret = (await admin.PostJson($"/api/webhook-endpoints/{endpoint}/rotate-secret", new { expires_in_hours = 2 }).Ok()).GetProperty("secret").GetString()!;
        var during = await admin.GetJson($"/api/webhook-endpoints/{endpoint}");
        var listed = Assert.Single((await admin.GetJson("/api/webhook-endpoints")).GetProperty("data").EnumerateArray());
        var disabled = await admin.PostAsync($"/api/webhook-endpoints/{endpoint}/disable", null).Ok();
        await api.AdvanceClockAsync(TimeSpan.FromHours(2));
        var after = await admin.GetJson($"/api/webhook-endpoints/{endpoint}");
        var listedAfter = Assert.Single((await admin.GetJson("/api/webhook-endpoints")).GetProperty("data").EnumerateArray());

        Assert.Equal(JsonValueKind.Null, before.GetProperty("previous_secret_expires_at").ValueKind);
        foreach (var shown in new[] { during, listed, disabled })
        {
            Assert.Equal(rotatedAt.AddHours(2), shown.GetProperty("previous_secret_expires_at").GetDateTimeOffset());
        }

        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM webhooks_endpoints WHERE Id = '{endpoint}' AND PreviousSecretExpiresAt IS NOT NULL"));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("previous_secret_expires_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, listedAfter.GetProperty("previous_secret_expires_at").ValueKind);
        foreach (string text in new[] { before, during, listed, disabled, after, listedAfter }.Select(e => e.GetRawText()))
        {
            Assert.DoesNotContain("whsec_", text, StringComparison.Ordinal);
            Assert.DoesNotContain(old, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_window_of_0_hours_replaces_the_secret_at_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        var (endpoint, old) = await WebhookHosts.RegisterAsync(api.Admin(), receiver);

        var rotated = await api.Admin().PostJson($"/api/webhook-endpoints/{endpoint}/rotate-secret", new { expires_in_hours = 0 }).Ok();
        await CouponAsync(api);
        await WebhookHosts.DeliverAsync(api, api);

        Assert.Equal(JsonValueKind.Null, rotated.GetProperty("previous_secret_expires_at").ValueKind);
        var post = Assert.Single(receiver.Posts);
        var now = await api.NowAsync();
        Assert.Equal(1, WebhookReceiver.SignatureCount(post));
        Assert.True(WebhookReceiver.Verifies(post, rotated.GetProperty("secret").GetString()!, now, Tolerance), $"signature {post.Signature} does not verify");
        Assert.False(WebhookReceiver.Verifies(post, old, now, Tolerance));
    }

    [Fact]
    public async Task A_second_rotation_within_the_window_signs_with_the_last_two_secrets_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        var (endpoint, first) = await WebhookHosts.RegisterAsync(api.Admin(), receiver);

        string second = (await api.Admin().PostJson($"/api/webhook-endpoints/{endpoint}/rotate-secret", new { expires_in_hours = 72 }).Ok()).GetProperty("secret").GetString()!;
        var third = await api.Admin().PostJson($"/api/webhook-endpoints/{endpoint}/rotate-secret", new { expires_in_hours = 1 }).Ok();
        await CouponAsync(api);
        await WebhookHosts.DeliverAsync(api, api);

        var post = Assert.Single(receiver.Posts);
        var now = await api.NowAsync();
        Assert.Equal(now.AddHours(1), third.GetProperty("previous_secret_expires_at").GetDateTimeOffset());
        Assert.Equal(2, WebhookReceiver.SignatureCount(post));
        Assert.True(WebhookReceiver.Verifies(post, third.GetProperty("secret").GetString()!, now, Tolerance));
        Assert.True(WebhookReceiver.Verifies(post, second, now, Tolerance));
        Assert.False(WebhookReceiver.Verifies(post, first, now, Tolerance));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(73)]
    public async Task A_window_outside_0_to_72_hours_is_refused_and_the_secret_is_kept(int hours)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        var (endpoint, _) = await WebhookHosts.RegisterAsync(api.Admin(), receiver);
        string stored = Assert.Single(api.Rows($"SELECT Secret FROM webhooks_endpoints WHERE Id = '{endpoint}'"));

        var refused = await api.Admin().PostJson($"/api/webhook-endpoints/{endpoint}/rotate-secret", new { expires_in_hours = hours });

        var problem = await refused.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("expires_in_hours", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(stored, Assert.Single(api.Rows($"SELECT Secret FROM webhooks_endpoints WHERE Id = '{endpoint}'")));
    }

    [Fact]
    public async Task An_unknown_endpoint_is_404()
    {
        using var api = WebhookHosts.Api();

        var refused = await api.Admin().PostAsync("/api/webhook-endpoints/we_missing/rotate-secret", null);

        await refused.ShouldBeProblem(HttpStatusCode.NotFound, "webhook_endpoint_not_found");
    }

    [Fact]
    public async Task Neither_secret_reaches_a_log_a_GET_answer_or_the_database_in_plain_text()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        var logs = new CardDataTests.CapturingLoggerProvider();
        using var host = api.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
        });
        var admin = host.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BillingApiFactory.AdminToken);
        var (endpoint, old) = await WebhookHosts.RegisterAsync(admin, receiver);

        string secret = (await admin.PostJson($"/api/webhook-endpoints/{endpoint}/rotate-secret", new { expires_in_hours = 2 }).Ok()).GetProperty("secret").GetString()!;
        await CouponAsync(api);
        await WebhookHosts.DeliverAsync(host, api);
        var answers = new List<string>
        {
            (await admin.GetJson($"/api/webhook-endpoints/{endpoint}")).GetRawText(),
            (await admin.GetJson("/api/webhook-endpoints")).GetRawText(),
            (await admin.GetJson($"/api/webhook-endpoints/{endpoint}/deliveries")).GetRawText(),
        };

        Assert.True(WebhookReceiver.Verifies(Assert.Single(receiver.Posts), old, await api.NowAsync(), Tolerance));
        Assert.NotEmpty(logs.Messages);
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM webhooks_endpoints WHERE Secret LIKE '%whsec%' OR PreviousSecret LIKE '%whsec%'"));
        foreach (string hex in new[] { old, secret }.Select(s => s["whsec_".Length..]))
        {
            Assert.DoesNotContain(logs.Messages, m => m.Contains(hex, StringComparison.Ordinal));
            Assert.DoesNotContain(answers, a => a.Contains(hex, StringComparison.Ordinal));
            Assert.DoesNotContain(api.StoredText(), text => text.Contains(hex, StringComparison.Ordinal));
        }
    }
}
