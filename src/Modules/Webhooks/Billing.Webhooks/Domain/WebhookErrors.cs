using Billing.SharedKernel;

namespace Billing.Webhooks.Domain;

/// <summary>
/// The Webhooks module's refusals, each code with its kind, and so its HTTP status, declared once.
/// A message that names values takes them as arguments; ErrorCatalogueTests lists every code with its status.
/// </summary>
internal static class WebhookErrors
{
    public static Error DeliveryNotFound(string id) =>
        Error.NotFound("webhook_delivery_not_found", $"No webhook delivery has the id '{id}'.");

    public static Error EndpointDisabled(string endpointId) =>
        Error.Conflict("webhook_endpoint_disabled", $"The endpoint '{endpointId}' is disabled; enable it to retry its deliveries.");

    public static Error EndpointNotFound(string id) =>
        Error.NotFound("webhook_endpoint_not_found", $"No webhook endpoint has the id '{id}'.");

    public static Error UrlNotAllowed(string host) =>
        Error.Rule("webhook_url_not_allowed", $"The host '{host}' of url resolves to a loopback, private or link-local address, where webhooks are not posted.");

    public static Error UrlUnresolvable(string host) =>
        Error.Rule("webhook_url_unresolvable", $"The host '{host}' of url does not resolve.");
}
