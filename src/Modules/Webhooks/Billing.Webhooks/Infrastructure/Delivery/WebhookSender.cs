using System.Text;
using Billing.Webhooks.Domain;
using Microsoft.Extensions.Options;

namespace Billing.Webhooks.Infrastructure.Delivery;

/// <summary>What one post achieved: a 2xx answer or not, the status code when there was an answer, and how long it took.</summary>
internal sealed record PostOutcome(bool Succeeded, int? ResponseStatus, long LatencyMs, string? Error);

/// <summary>
/// Posts one event to one endpoint, signed (<see cref="WebhookSignature"/>) with the endpoint's secret decrypted
/// (<see cref="WebhookSecrets"/>), and with the secret a rotation replaced while its overlap lasts, through the <c>webhooks</c> client of
/// IHttpClientFactory: no redirects, no proxy, the SSRF guard at connect, and <see cref="WebhookOptions.Timeout"/> for the
/// whole post. Neither the secret nor the signature reaches a log or the delivery log.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, WebhookSecrets secrets, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";

    public async Task<PostOutcome> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, string payload, CancellationToken cancellationToken)
    {
        long started = clock.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        var now = clock.GetUtcNow();
        string[] signing = endpoint.SignsWithPreviousSecret(now) ? [secrets.Reveal(endpoint.Secret), secrets.Reveal(endpoint.PreviousSecret!)] : [secrets.Reveal(endpoint.Secret)];
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(signing, now.ToUnixTimeSeconds(), payload));
        request.Headers.TryAddWithoutValidation("Billing-Event-Id", delivery.EventId);
        request.Headers.TryAddWithoutValidation("Billing-Delivery-Id", delivery.Id);
        request.Headers.UserAgent.ParseAdd("Billing-Webhooks/1");
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            int status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new PostOutcome(true, status, Elapsed(started), null)
                : new PostOutcome(false, status, Elapsed(started), $"The receiver answered {status}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PostOutcome(false, null, Elapsed(started), $"No answer within {options.Value.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException exception)
        {
            return new PostOutcome(false, null, Elapsed(started), exception.GetBaseException().Message);
        }
    }

    private long Elapsed(long started) => (long)clock.GetElapsedTime(started).TotalMilliseconds;
}
