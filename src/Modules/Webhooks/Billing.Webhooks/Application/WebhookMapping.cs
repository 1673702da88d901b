using System.Text.Json;
using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;

namespace Billing.Webhooks.Application;

internal static class WebhookMapping
{
    /// <summary>The endpoint as shown at <paramref name="now"/>: the replaced secret's end only while it still signs (a row's is erased only by the next delivery run after it).</summary>
    public static WebhookEndpointDto ToDto(this WebhookEndpoint endpoint, DateTimeOffset now) =>
        new(
            endpoint.Id,
            endpoint.Url,
            endpoint.Events,
            endpoint.Description,
            Wire<WebhookEndpointState>.Name(endpoint.State),
            endpoint.CreatedAt,
            endpoint.SignsWithPreviousSecret(now) ? endpoint.PreviousSecretExpiresAt : null);

    public static WebhookDeliveryDto ToDto(this WebhookDelivery delivery, IEnumerable<WebhookAttempt> attempts) =>
        new(
            delivery.Id,
            delivery.EndpointId,
            delivery.EventId,
            delivery.EventType,
            Wire<WebhookDeliveryStatus>.Name(delivery.Status),
            delivery.AttemptCount,
            delivery.NextAttemptAt,
            delivery.CreatedAt,
            [.. attempts.Select(a => new WebhookAttemptDto(a.AttemptedAt, Wire<WebhookAttemptOutcome>.Name(a.Outcome), a.ResponseStatus, a.LatencyMs, a.Error))]);

    public static WebhookEventDto ToDto(this WebhookEvent webhookEvent)
    {
        using var document = JsonDocument.Parse(webhookEvent.Payload);
        var root = document.RootElement;
        return new WebhookEventDto(
            webhookEvent.Id,
            webhookEvent.Type,
            root.GetProperty("api_version").GetString()!,
            webhookEvent.CreatedAt,
            root.GetProperty("data").Clone());
    }

    public static Error EndpointNotFound(string id) => WebhookErrors.EndpointNotFound(id);
}
