using Billing.SharedKernel;

namespace Billing.Webhooks.Contracts;

/// <summary>
/// Registers a receiver for the given event types (or <c>*</c> for all): answers the endpoint with its signing secret,
/// the only time the secret is shown. Outside Development, a URL that resolves to a loopback, private or link-local
/// address is refused (<c>webhook_url_not_allowed</c>).
/// </summary>
public sealed record CreateWebhookEndpoint(string? Url, IReadOnlyList<string>? Events, string? Description) : ISelfTransactedCommand<CreatedWebhookEndpointDto>;

/// <summary>The registered endpoints, one page at a time oldest first (no secrets), narrowed by <paramref name="State"/> (<c>enabled</c> or <c>disabled</c>).</summary>
public sealed record ListWebhookEndpoints(string? State, PageRequest Page) : IQuery<Page<WebhookEndpointDto>>;

public sealed record GetWebhookEndpoint(string Id) : IQuery<WebhookEndpointDto>;

/// <summary>
/// Rolls the endpoint's signing secret: answers the new one, the only time it is shown. For
/// <paramref name="ExpiresInHours"/> (0–72, 24 when absent) posts are signed with the new and the replaced secret;
/// after that with the new one only. 0 replaces it at once.
/// </summary>
public sealed record RotateWebhookEndpointSecret(string Id, int? ExpiresInHours) : ICommand<RotatedWebhookSecretDto>;

/// <summary>A disabled endpoint receives no new deliveries and its pending ones wait (their retry window still runs).</summary>
public sealed record DisableWebhookEndpoint(string Id) : ICommand<WebhookEndpointDto>;

/// <summary>Turns a disabled endpoint back on; its pending deliveries are attempted again.</summary>
public sealed record EnableWebhookEndpoint(string Id) : ICommand<WebhookEndpointDto>;

/// <summary>Deletes an endpoint with its deliveries and their attempts; the events stay (<c>GET /events</c>).</summary>
public sealed record DeleteWebhookEndpoint(string Id) : ICommand<string>;

/// <summary>An endpoint's deliveries, newest first, each with every attempt, one page at a time.</summary>
public sealed record ListWebhookDeliveries(string EndpointId, PageRequest Page) : IQuery<Page<WebhookDeliveryDto>>;

/// <summary>Makes a delivery due now, whatever its state: one more attempt at the next delivery run.</summary>
public sealed record RetryWebhookDelivery(string DeliveryId) : ICommand<WebhookDeliveryDto>;

/// <summary>The events, oldest first, after the event <paramref name="After"/> (for integrators who poll).</summary>
public sealed record ListEvents(string? After, int? Limit) : IQuery<Page<WebhookEventDto>>;

/// <summary>
/// The delivery run (the Hangfire job <c>webhook-deliveries</c>): attempts every due delivery, each endpoint on its
/// own (one endpoint's slow or dead receiver never holds another's deliveries), and answers the counts.
/// </summary>
public sealed record DeliverDueWebhooks : ISelfTransactedCommand<WebhookDeliveryCounts>;
