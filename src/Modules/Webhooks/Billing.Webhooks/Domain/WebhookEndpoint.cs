namespace Billing.Webhooks.Domain;

internal enum WebhookEndpointState
{
    Enabled,
    Disabled,
}

/// <summary>A receiver of webhooks: where to post, which event types (<c>*</c> for all), and the secret that signs each post.</summary>
internal sealed class WebhookEndpoint
{
    /// <summary>Subscribes an endpoint to every event type, present and future.</summary>
    public const string AllEvents = "*";

    public string Id { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public List<string> Events { get; set; } = [];

    public string? Description { get; set; }

    /// <summary>The HMAC key of the signature header; shown once at creation, never logged nor listed.</summary>
    public string Secret { get; set; } = string.Empty;

    public WebhookEndpointState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while a delivery run works on this endpoint's deliveries (a guarded update claims it), so that two runs never post its deliveries at once.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    public bool Wants(string eventType) =>
        State == WebhookEndpointState.Enabled && (Events.Contains(AllEvents) || Events.Contains(eventType));
}
