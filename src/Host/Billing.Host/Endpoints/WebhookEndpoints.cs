using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using MediatR;

namespace Billing.Host.Endpoints;

/// <summary>HTTP for webhooks (admin): endpoints and their signing secret, the delivery log, retries, and the event list for pollers.</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        var endpoints = api.MapGroup("/webhook-endpoints").WithTags("Webhooks").RequireAuthorization(Roles.AdminPolicy);
        endpoints.MapPost("/", async (CreateWebhookEndpoint body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(e => $"/api/webhook-endpoints/{e.Id}"))
            .WithName("CreateWebhookEndpoint");
        endpoints.MapGet("/", async (string? state, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListWebhookEndpoints(state, new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListWebhookEndpoints");
        endpoints.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetWebhookEndpoint(id), ct)).ToOk())
            .WithName("GetWebhookEndpoint");
        endpoints.MapPost("/{id}/disable", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new DisableWebhookEndpoint(id), ct)).ToOk())
            .WithName("DisableWebhookEndpoint");
        endpoints.MapPost("/{id}/enable", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new EnableWebhookEndpoint(id), ct)).ToOk())
            .WithName("EnableWebhookEndpoint");
        endpoints.MapDelete("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new DeleteWebhookEndpoint(id), ct) is { IsSuccess: false } failed ? failed.Error.ToProblem() : TypedResults.NoContent())
            .WithName("DeleteWebhookEndpoint");
        endpoints.MapGet("/{id}/deliveries", async (string id, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListWebhookDeliveries(id, new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListWebhookDeliveries");

        api.MapPost("/webhook-deliveries/{id}/retry", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RetryWebhookDelivery(id), ct)).ToOk())
            .WithName("RetryWebhookDelivery").WithTags("Webhooks").RequireAuthorization(Roles.AdminPolicy);
        api.MapGet("/events", async (string? after, int? limit, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListEvents(after, limit), ct)).ToOk())
            .WithName("ListEvents").WithTags("Webhooks").RequireAuthorization(Roles.AdminPolicy);
    }
}
