namespace Billing.Webhooks.Domain;

internal enum WebhookEndpointState
{
    Enabled,
    Disabled,
}

/// <summary>A receiver of webhooks: where to post, which event types (<c>*</c> for all), and the secret that signs each post.</summary>
internal sealed class WebhookEndpoint
{
    private WebhookEndpointState state;

    /// <summary>Subscribes an endpoint to every event type, present and future.</summary>
    public const string AllEvents = "*";

    public string Id { get; init; } = string.Empty;

    public string Url { get; init; } = string.Empty;

    public List<string> Events { get; init; } = [];

    public string? Description { get; init; }

    /// <summary>
    /// The HMAC key of the signature header, encrypted with Data Protection (<c>WebhookSecrets</c>, issue 16); shown once
    /// at creation, never logged nor listed.
    /// </summary>
    public string Secret { get; init; } = string.Empty;

    public WebhookEndpointState State { get => state; init => state = value; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set while a delivery run works on this endpoint's deliveries (a guarded update claims it), so that two runs never post its deliveries at once.</summary>
    public DateTimeOffset? LeasedUntil { get; init; }

    public bool Wants(string eventType) =>
        State == WebhookEndpointState.Enabled && (Events.Contains(AllEvents) || Events.Contains(eventType));

    /// <summary>A disabled endpoint is owed no new deliveries; enabling it again resumes them.</summary>
    public void ChangeState(WebhookEndpointState newState) => state = newState;
}
