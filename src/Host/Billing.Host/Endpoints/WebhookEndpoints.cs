using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Host.OpenApi;
using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using MediatR;

namespace Billing.Host.Endpoints;

/// <summary>The optional body of a secret rotation: how long the replaced secret keeps signing (0–72 hours, 24 when absent).</summary>
internal sealed record RotateSecretRequest(int? ExpiresInHours);

/// <summary>HTTP for webhooks (admin): endpoints and their signing secret, the delivery log, retries, and the event list for pollers.</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        var endpoints = api.MapGroup("/webhook-endpoints").WithTags("Webhooks").RequireAuthorization(Roles.AdminPolicy);
        endpoints.MapPost("/", async (CreateWebhookEndpoint body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(e => $"/api/webhook-endpoints/{e.Id}"))
            .WithName("CreateWebhookEndpoint").Refuses(StatusCodes.Status422UnprocessableEntity, "webhook_url_not_allowed", "webhook_url_unresolvable").WithSummary("Registers a webhook endpoint; the answer shows its signing secret, once").Produces<CreatedWebhookEndpointDto>(StatusCodes.Status201Created);
        endpoints.MapGet("/", async (string? state, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListWebhookEndpoints(state, new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListWebhookEndpoints").WithSummary("Lists webhook endpoints, a page at a time").Produces<Page<WebhookEndpointDto>>();
        endpoints.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetWebhookEndpoint(id), ct)).ToOk())
            .WithName("GetWebhookEndpoint").WithSummary("Reads a webhook endpoint").Produces<WebhookEndpointDto>();
        endpoints.MapPost("/{id}/disable", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new DisableWebhookEndpoint(id), ct)).ToOk())
            .WithName("DisableWebhookEndpoint").WithSummary("Disables a webhook endpoint: nothing more is delivered to it").Produces<WebhookEndpointDto>();
        endpoints.MapPost("/{id}/enable", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new EnableWebhookEndpoint(id), ct)).ToOk())
            .WithName("EnableWebhookEndpoint").WithSummary("Enables a disabled webhook endpoint again").Produces<WebhookEndpointDto>();
        endpoints.MapPost("/{id}/rotate-secret", async (string id, RotateSecretRequest? body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RotateWebhookEndpointSecret(id, body?.ExpiresInHours), ct)).ToOk())
            .WithName("RotateWebhookEndpointSecret").WithSummary("Rolls a webhook endpoint's signing secret; the answer shows the new one, once, and the old one keeps signing for expires_in_hours").Produces<RotatedWebhookSecretDto>();
        endpoints.MapDelete("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new DeleteWebhookEndpoint(id), ct) is { IsSuccess: false } failed ? failed.Error.ToProblem() : TypedResults.NoContent())
            .WithName("DeleteWebhookEndpoint").WithSummary("Deletes a webhook endpoint").Produces(StatusCodes.Status204NoContent);
        endpoints.MapGet("/{id}/deliveries", async (string id, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListWebhookDeliveries(id, new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListWebhookDeliveries").WithSummary("Lists a webhook endpoint's deliveries with every attempt, a page at a time").Produces<Page<WebhookDeliveryDto>>();

        api.MapPost("/webhook-deliveries/{id}/retry", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RetryWebhookDelivery(id), ct)).ToOk())
            .WithName("RetryWebhookDelivery").Refuses(StatusCodes.Status409Conflict, "webhook_endpoint_disabled").WithSummary("Delivers a webhook delivery again now").Produces<WebhookDeliveryDto>().WithTags("Webhooks").RequireAuthorization(Roles.AdminPolicy);
        api.MapGet("/events", async (string? after, int? limit, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListEvents(after, limit), ct)).ToOk())
            .WithName("ListEvents").WithSummary("Lists the events after an event id, for integrators who poll").Produces<Page<WebhookEventDto>>().WithTags("Webhooks").RequireAuthorization(Roles.AdminPolicy);
    }
}
