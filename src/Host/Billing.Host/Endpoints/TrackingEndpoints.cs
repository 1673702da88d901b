using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Tracking.Contracts;
using MediatR;

namespace Billing.Host.Endpoints;

/// <summary>HTTP for the Tracking module.</summary>
internal static class TrackingEndpoints
{
    public static void MapTrackingEndpoints(this IEndpointRouteBuilder api)
    {
        var tracking = api.MapGroup("/tracking").WithTags("Tracking").RequireAuthorization(Roles.BusinessPolicy);
        tracking.MapPost("/conversion-types", async (CreateConversionType body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(t => $"/api/tracking/conversion-types/{t.Code}"))
            .WithName("CreateConversionType").RequireAuthorization(Roles.AdminPolicy);
        tracking.MapGet("/conversions", async (string? cid, string? type, string? status, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListConversions(cid, type, status), ct)).ToOk())
            .WithName("ListConversions");
    }
}
