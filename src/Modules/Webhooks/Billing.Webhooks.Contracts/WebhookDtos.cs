using System.Text.Json;

namespace Billing.Webhooks.Contracts;

/// <summary>
/// An endpoint, never with a secret. <paramref name="PreviousSecretExpiresAt"/>: while a secret a rotation replaced still
/// signs posts (with the new one), when it stops; null otherwise (issue 16).
/// </summary>
public sealed record WebhookEndpointDto(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PreviousSecretExpiresAt);

/// <summary>An endpoint as created: with its signing secret, shown this once. Its text never shows the secret.</summary>
public sealed record CreatedWebhookEndpointDto(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    string State,
    DateTimeOffset CreatedAt,
    string Secret)
{
    public override string ToString() => $"{nameof(CreatedWebhookEndpointDto)} {{ Id = {Id}, Url = {Url} }}";
}

/// <summary>
/// A rotated secret: the new one, shown this once, and until when the replaced one still signs (none when it was
/// replaced at once). Its text never shows the secret.
/// </summary>
public sealed record RotatedWebhookSecretDto(string Id, string Secret, DateTimeOffset? PreviousSecretExpiresAt)
{
    public override string ToString() => $"{nameof(RotatedWebhookSecretDto)} {{ Id = {Id}, PreviousSecretExpiresAt = {PreviousSecretExpiresAt:O} }}";
}

/// <summary>One HTTP attempt of a delivery: when, the receiver's status code (none when it never answered), how long it took.</summary>
public sealed record WebhookAttemptDto(DateTimeOffset AttemptedAt, string Outcome, int? ResponseStatus, long LatencyMs, string? Error);

/// <summary>A delivery of one event to one endpoint: <c>pending</c>, <c>succeeded</c> or <c>failed</c> (abandoned after the retry window).</summary>
public sealed record WebhookDeliveryDto(
    string Id,
    string EndpointId,
    string EventId,
    string EventType,
    string Status,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<WebhookAttemptDto> Attempts);

/// <summary>An event exactly as it is delivered: <c>id</c>, <c>type</c>, <c>api_version</c>, <c>created_at</c>, <c>data</c>.</summary>
public sealed record WebhookEventDto(string Id, string Type, string ApiVersion, DateTimeOffset CreatedAt, JsonElement Data);

/// <summary>What one delivery run did.</summary>
public sealed record WebhookDeliveryCounts(int Succeeded, int Retrying, int Failed);
