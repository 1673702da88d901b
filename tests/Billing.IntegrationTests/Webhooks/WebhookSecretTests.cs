using System.Security.Cryptography;
using Billing.BuildingBlocks.DataProtection;
using Billing.Host.Jobs;
using Billing.Webhooks.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 16: an endpoint's signing secret is stored encrypted with Data Protection, never as the <c>whsec_…</c> string
/// it answers once; posts still verify with that string; a row stored before encryption keeps signing and ends up
/// encrypted; the key ring survives a restart and is shared by the hosts of one installation.
/// </summary>
public sealed class WebhookSecretTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static Task CouponAsync(BillingApiFactory api) => new Scenario(api).PercentCoupon($"SEC{Guid.NewGuid():N}"[..12], 10);

    private static string StoredSecret(BillingApiFactory api, string endpoint) =>
        Assert.Single(api.Rows($"SELECT Secret FROM webhooks_endpoints WHERE Id = '{endpoint}'"));

    [Fact]
    public async Task The_secret_is_stored_encrypted_and_a_post_verifies_with_the_secret_answered_at_creation()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        var (endpoint, secret) = await WebhookHosts.RegisterAsync(api.Admin(), receiver);

        await CouponAsync(api);
        await WebhookHosts.DeliverAsync(api, api);

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM webhooks_endpoints WHERE Secret LIKE '%whsec%'"));
        Assert.DoesNotContain(secret["whsec_".Length..], StoredSecret(api, endpoint), StringComparison.Ordinal);
        Assert.DoesNotContain(api.StoredText(), text => text.Contains(secret["whsec_".Length..], StringComparison.Ordinal));
        var post = Assert.Single(receiver.Posts);
        Assert.True(WebhookReceiver.Verifies(post, secret, await api.NowAsync(), Tolerance), $"signature {post.Signature} does not verify");
    }

    [Fact]
    public async Task A_secret_stored_in_plain_text_before_encryption_keeps_signing_and_ends_up_encrypted_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        var (endpoint, _) = await WebhookHosts.RegisterAsync(api.Admin(), receiver);
        string legacy = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Assert.Equal(1, api.Execute($"UPDATE webhooks_endpoints SET Secret = '{legacy}' WHERE Id = '{endpoint}'"));

        await CouponAsync(api);
        await WebhookHosts.DeliverAsync(api, api);
        string encrypted = StoredSecret(api, endpoint);
        await CouponAsync(api);
        await WebhookHosts.DeliverAsync(api, api);

        Assert.DoesNotContain("whsec_", encrypted, StringComparison.Ordinal);
        Assert.Equal(encrypted, StoredSecret(api, endpoint));
        var now = await api.NowAsync();
        Assert.Equal(2, receiver.Posts.Count);
        Assert.All(receiver.Posts, post => Assert.True(WebhookReceiver.Verifies(post, legacy, now, Tolerance), $"signature {post.Signature} does not verify"));
    }

    [Fact]
    public async Task The_key_ring_survives_a_restart_so_a_restarted_host_signs_with_the_stored_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var first = WebhookHosts.Api();
        var (_, secret) = await WebhookHosts.RegisterAsync(first.Admin(), receiver);

        using var restarted = first.Restart();
        await CouponAsync(restarted);
        await WebhookHosts.DeliverAsync(restarted, restarted);

        var post = Assert.Single(receiver.Posts);
        Assert.True(WebhookReceiver.Verifies(post, secret, await restarted.NowAsync(), Tolerance), $"signature {post.Signature} does not verify");
        if (TestDatabase.OnPostgres)
        {
            Assert.True(restarted.Scalar("SELECT COUNT(*) FROM platform_data_protection_keys") >= 1);
        }
        else
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(restarted.DataDirectory, DataProtectionRegistration.DefaultKeysFolder), "key-*.xml"));
            Assert.Equal(0, restarted.Scalar("SELECT COUNT(*) FROM platform_data_protection_keys"));
        }
    }

    [Fact]
    public async Task Hosts_configured_with_one_keys_directory_read_each_other_s_secrets_and_a_host_with_other_keys_cannot()
    {
        string shared = Path.Combine(Path.GetTempPath(), "billing-tests", "keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var first = WebhookHosts.Api();
            using var second = WebhookHosts.Api();
            using var stranger = WebhookHosts.Api();
            first.Settings["Billing:DataProtection:KeysDirectory"] = shared;
            second.Settings["Billing:DataProtection:KeysDirectory"] = shared;
            await first.Admin().GetJson("/api/test-clock");
            await second.Admin().GetJson("/api/test-clock");
            await stranger.Admin().GetJson("/api/test-clock");

            string stored = first.Services.GetRequiredService<WebhookSecrets>().Protect("whsec_shared");

            Assert.Equal("whsec_shared", second.Services.GetRequiredService<WebhookSecrets>().Reveal(stored));
            Assert.NotEmpty(Directory.GetFiles(shared, "key-*.xml"));
            Assert.ThrowsAny<CryptographicException>(() => stranger.Services.GetRequiredService<WebhookSecrets>().Reveal(stored));
        }
        finally
        {
            if (Directory.Exists(shared))
            {
                Directory.Delete(shared, recursive: true);
            }
        }
    }

    [PostgresOnlyFact]
    public async Task A_second_host_on_the_same_PostgreSQL_database_signs_with_the_secret_the_first_host_stored()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        var (_, secret) = await WebhookHosts.RegisterAsync(api.Admin(), receiver);
        await CouponAsync(api);
        string otherDataDirectory = Path.Combine(Path.GetTempPath(), "billing-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using var second = api.WithWebHostBuilder(builder => builder.UseSetting("Billing:DataDirectory", otherDataDirectory));

            await WebhookHosts.DeliverAsync(second, api);

            var post = Assert.Single(receiver.Posts);
            Assert.True(WebhookReceiver.Verifies(post, secret, await api.NowAsync(), Tolerance), $"signature {post.Signature} does not verify");
            Assert.False(Directory.Exists(Path.Combine(otherDataDirectory, DataProtectionRegistration.DefaultKeysFolder)));
        }
        finally
        {
            if (Directory.Exists(otherDataDirectory))
            {
                Directory.Delete(otherDataDirectory, recursive: true);
            }
        }
    }
}
