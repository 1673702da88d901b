using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Subscriptions.Contracts;
using MediatR;

namespace Billing.Host.Endpoints;

/// <summary>HTTP for the Subscriptions module: plans, accounts, subscriptions.</summary>
internal static class SubscriptionEndpoints
{
    public static void MapSubscriptionEndpoints(this IEndpointRouteBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Plans").RequireAuthorization(Roles.BusinessPolicy);
        plans.MapPost("/", async (CreatePlan body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(p => $"/api/plans/{p.Code}"))
            .WithName("CreatePlan").RequireAuthorization(Roles.AdminPolicy);
        plans.MapGet("/", async (IMediator mediator, CancellationToken ct) => (await mediator.Send(new ListPlans(), ct)).ToOk())
            .WithName("ListPlans");
        plans.MapGet("/{code}", async (string code, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetPlan(code), ct)).ToOk())
            .WithName("GetPlan");

        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Roles.BusinessPolicy);
        accounts.MapPost("/", async (CreateAccount body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(a => $"/api/accounts/{a.Code}"))
            .WithName("CreateAccount");
        accounts.MapGet("/{code}", async (string code, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetAccount(code), ct)).ToOk())
            .WithName("GetAccount");

        var subscriptions = api.MapGroup("/subscriptions").WithTags("Subscriptions").RequireAuthorization(Roles.BusinessPolicy);
        subscriptions.MapPost("/", async (CreateSubscription body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(s => $"/api/subscriptions/{s.Id}"))
            .WithName("CreateSubscription");
        subscriptions.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetSubscription(id), ct)).ToOk())
            .WithName("GetSubscription");
    }
}
