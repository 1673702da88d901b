using Billing.Coupons.Contracts;
using Billing.Host.Auth;
using Billing.Host.Http;
using MediatR;

namespace Billing.Host.Endpoints;

internal sealed record RedeemRequest(string CouponCode, string Currency, string? SubscriptionId);

/// <summary>HTTP for the Coupons module: translation to commands and queries only.</summary>
internal static class CouponEndpoints
{
    public static void MapCouponEndpoints(this IEndpointRouteBuilder api)
    {
        var coupons = api.MapGroup("/coupons").WithTags("Coupons").RequireAuthorization(Roles.BusinessPolicy);
        coupons.MapPost("/", async (CreateCoupon body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(c => $"/api/coupons/{c.Id}"))
            .WithName("CreateCoupon").RequireAuthorization(Roles.AdminPolicy);
        coupons.MapGet("/", async (string? state, string? q, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListCoupons(state, q), ct)).ToOk())
            .WithName("ListCoupons");
        coupons.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetCoupon(id), ct)).ToOk())
            .WithName("GetCoupon");
        coupons.MapGet("/{id}/redemptions", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListCouponRedemptions(id), ct)).ToOk())
            .WithName("ListCouponRedemptions");

        var accounts = api.MapGroup("/accounts/{code}/redemptions").WithTags("Redemptions").RequireAuthorization(Roles.BusinessPolicy);
        accounts.MapPost("/", async (string code, RedeemRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RedeemCoupon(code, body.CouponCode, body.Currency, body.SubscriptionId), ct))
                .ToCreated(r => $"/api/accounts/{code}/redemptions/{r.Id}"))
            .WithName("RedeemCoupon");
        accounts.MapGet("/", async (string code, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListAccountRedemptions(code), ct)).ToOk())
            .WithName("ListAccountRedemptions");
    }
}
