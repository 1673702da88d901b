using Billing.Coupons;
using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Tracking;
using Billing.Tracking.Contracts;

namespace Billing.Host.Endpoints;

/// <summary>
/// Issue 21: the load test's ceilings, a minimal endpoint beside each hot one, behind the same authentication, JSON,
/// middleware and guessing limit, that runs the same guarded statements directly (no MediatR, no EF Core, no outbox;
/// see <see cref="CouponsModule.RedeemAtCeilingAsync"/> and <see cref="TrackingModule.RecordSaleAtCeilingAsync"/>). Mapped only when
/// <see cref="Switch"/> is on, so a production host has no such route; not in the OpenAPI document.
/// </summary>
internal static class CeilingEndpoints
{
    public const string Switch = "Billing:Benchmarks:CeilingEndpoints";

    public static void MapCeilingEndpoints(this IEndpointRouteBuilder api, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(Switch))
        {
            return;
        }

        var ceiling = api.MapGroup("/benchmarks/ceiling").ExcludeFromDescription().RequireAuthorization(Roles.BusinessPolicy);
        ceiling.MapPost("/accounts/{code}/redemptions", async (string code, RedeemRequest body, HttpContext context, CancellationToken ct) =>
            (await context.RequestServices.RedeemAtCeilingAsync(code, body.CouponCode, body.Currency, ct))
                .ToCreated(r => $"/api/accounts/{code}/redemptions/{r.Id}"))
            .LimitCouponGuessing((RedeemRequest body) => !string.IsNullOrEmpty(body.CouponCode));
        ceiling.MapPost("/tracking/conversions", async (HttpRequest request, CancellationToken ct) =>
        {
            var (input, problem) = await TrackingEndpoints.ReadSeedJsonAsync<ConversionInput>(request, ct);
            return input is null ? problem! : TrackingEndpoints.ToSeedAnswer(await request.HttpContext.RequestServices.RecordSaleAtCeilingAsync(input, ct));
        });
    }
}
