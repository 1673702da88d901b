using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 8, crash safety: a host process is killed (SIGKILL) after a redemption committed and before its
/// CouponRedeemed event was delivered; on restart the event is delivered, exactly once.
/// </summary>
public sealed class OutboxCrashTests : IDisposable
{
    private readonly RealHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task An_event_committed_before_a_kill_is_delivered_once_after_restart()
    {
        using var client = await StartAsync(dispatch: false);
        await Send(client, "/api/tracking/conversion-types", """{"code":"couponredeem","name":"Coupon redeem"}""");
        await Send(client, "/api/accounts", """{"code":"crash","email":"a@b.co","country":"DE"}""");
        await Send(client, "/api/coupons", """{"code":"CRASH10","name":"c","discount":{"type":"percent","percent":10}}""");
        await Send(client, "/api/accounts/crash/redemptions", """{"coupon_code":"CRASH10","currency":"EUR"}""");
        Assert.Equal(1, host.Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE ProcessedAt IS NULL AND Type LIKE '%CouponRedeemed%'"));

        host.Kill();
        Assert.Equal(0, host.Scalar("SELECT COUNT(*) FROM tracking_conversions"));

        using var restarted = await StartAsync(dispatch: true);
        await WaitUntil(() => host.Scalar("SELECT COUNT(*) FROM tracking_conversions WHERE ConversionTypeCode = 'couponredeem'") == 1);
        host.Kill();
        using var again = await StartAsync(dispatch: true);
        // A later event is delivered after every earlier one (outbox order): once its conversion exists, a redelivery of
        // the first event would have happened already.
        await Send(again, "/api/coupons", """{"code":"LATER10","name":"c","discount":{"type":"percent","percent":10}}""");
        await Send(again, "/api/accounts/crash/redemptions", """{"coupon_code":"LATER10","currency":"EUR"}""");
        await WaitUntil(() => host.Scalar("SELECT COUNT(*) FROM tracking_conversions WHERE ConversionTypeCode = 'couponredeem'") >= 2
            && host.Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE ProcessedAt IS NULL") == 0);

        Assert.Equal(2, host.Scalar("SELECT COUNT(*) FROM tracking_conversions WHERE ConversionTypeCode = 'couponredeem'"));
        Assert.Equal("ok", host.ScalarText("PRAGMA integrity_check"));
    }

    private Task<HttpClient> StartAsync(bool dispatch) =>
        host.StartAsync(new Dictionary<string, string> { ["Billing__Outbox__DispatchEnabled"] = dispatch ? "true" : "false" });

    private static Task WaitUntil(Func<bool> condition) => RealHost.WaitUntil(() => Task.FromResult(condition()));

    private static async Task Send(HttpClient client, string path, string json)
    {
        var response = await client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
