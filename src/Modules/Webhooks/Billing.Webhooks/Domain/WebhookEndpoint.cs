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
    private string secret = string.Empty;
    private string? previousSecret;
    private DateTimeOffset? previousSecretExpiresAt;

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
    public string Secret { get => secret; init => secret = value; }

    /// <summary>
    /// The secret a rotation replaced, encrypted like <see cref="Secret"/>: posts are signed with it too until
    /// <see cref="PreviousSecretExpiresAt"/>, so that receivers can switch to the new one without refusing a post.
    /// </summary>
    public string? PreviousSecret { get => previousSecret; init => previousSecret = value; }

    public DateTimeOffset? PreviousSecretExpiresAt { get => previousSecretExpiresAt; init => previousSecretExpiresAt = value; }

    public WebhookEndpointState State { get => state; init => state = value; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set while a delivery run works on this endpoint's deliveries (a guarded update claims it), so that two runs never post its deliveries at once.</summary>
    public DateTimeOffset? LeasedUntil { get; init; }

    public bool Wants(string eventType) =>
        State == WebhookEndpointState.Enabled && (Events.Contains(AllEvents) || Events.Contains(eventType));

    /// <summary>Whether a post made at <paramref name="now"/> is signed with <see cref="PreviousSecret"/> as well.</summary>
    public bool SignsWithPreviousSecret(DateTimeOffset now) => PreviousSecret is not null && now < PreviousSecretExpiresAt;

    /// <summary>
    /// Replaces the signing secret (both values encrypted): the replaced one, <paramref name="replaced"/>, keeps signing
    /// until <paramref name="replacedUntil"/>; none when the rotation has no overlap. A secret replaced earlier is forgotten.
    /// </summary>
    public void RotateSecret(string newSecret, string? replaced, DateTimeOffset? replacedUntil)
    {
        secret = newSecret;
        previousSecret = replacedUntil is null ? null : replaced;
        previousSecretExpiresAt = previousSecret is null ? null : replacedUntil;
    }

    /// <summary>A disabled endpoint is owed no new deliveries; enabling it again resumes them.</summary>
    public void ChangeState(WebhookEndpointState newState) => state = newState;
}
