using System.Text.Json;
using Billing.Coupons.Contracts;
using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Host.OpenApi;
using Billing.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Host.Endpoints;

internal sealed record RedeemRequest(string CouponCode, string Currency, string? SubscriptionId);

internal sealed record RestoreRequest(string? RedeemBy, int? MaxRedemptions);

internal sealed record GenerateCodesRequest(int Count);

/// <summary>
/// The body of PATCH /coupons/{id}: the editable fields, and the others under their API names so that a
/// request naming one is refused with a message that says why (C11) rather than as an unknown field.
/// </summary>
internal sealed record UpdateCouponRequest(
    Patch<string> Name,
    Patch<string?> HostedPageDescription,
    Patch<string?> InvoiceDescription,
    Patch<Dictionary<string, string>?> Metadata,
    Patch<int?> MaxRedemptions,
    Patch<int?> MaxRedemptionsPerAccount,
    Patch<string?> RedeemBy,
    Patch<JsonElement> Id,
    Patch<JsonElement> Code,
    Patch<JsonElement> Discount,
    Patch<JsonElement> Duration,
    Patch<JsonElement> AppliesTo,
    Patch<JsonElement> RedemptionResource,
    Patch<JsonElement> CouponType,
    Patch<JsonElement> UniqueCodeTemplate)
{
    public UpdateCoupon ToCommand(string id) => new(
        id,
        Name,
        HostedPageDescription,
        InvoiceDescription,
        Metadata,
        MaxRedemptions,
        MaxRedemptionsPerAccount,
        RedeemBy,
        new (string Field, bool Given)[]
        {
            ("id", Id.IsSpecified),
            ("code", Code.IsSpecified),
            ("discount", Discount.IsSpecified),
            ("duration", Duration.IsSpecified),
            ("applies_to", AppliesTo.IsSpecified),
            ("redemption_resource", RedemptionResource.IsSpecified),
            ("coupon_type", CouponType.IsSpecified),
            ("unique_code_template", UniqueCodeTemplate.IsSpecified),
        }.Where(f => f.Given).Select(f => f.Field).ToList());
}

/// <summary>HTTP for the Coupons module: translation to commands and queries only.</summary>
internal static class CouponEndpoints
{
    public static void MapCouponEndpoints(this IEndpointRouteBuilder api)
    {
        var coupons = api.MapGroup("/coupons").WithTags("Coupons").RequireAuthorization(Roles.BusinessPolicy);
        coupons.MapPost("/", async (CreateCoupon body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(c => $"/api/coupons/{c.Id}"))
            .WithName("CreateCoupon").Refuses(StatusCodes.Status409Conflict, "code_taken", "id_taken").WithSummary("Creates a coupon").Produces<CouponDto>(StatusCodes.Status201Created).RequireAuthorization(Roles.AdminPolicy);
        coupons.MapGet("/", async (string? state, string? q, [FromQuery(Name = "discount_type")] string? discountType, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new PageCoupons(new PageRequest(limit, cursor), State: state, Q: q, DiscountType: discountType), ct)).ToOk())
            .WithName("ListCoupons").WithSummary("Lists coupons, newest last, a page at a time").Produces<Page<CouponDto>>();
        coupons.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetCoupon(id), ct)).ToOk())
            .WithName("GetCoupon").WithSummary("Reads a coupon by its id").Produces<CouponDto>();
        coupons.MapGet("/code/{code}", async (string code, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetCouponByCode(code), ct)).ToOk())
            .WithName("GetCouponByCode").WithSummary("Reads a coupon by its code (case-insensitive, C1)").Produces<CouponDto>().LimitCouponGuessing();
        coupons.MapPatch("/{id}", async (string id, UpdateCouponRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body.ToCommand(id), ct)).ToOk())
            .WithName("UpdateCoupon").Refuses(StatusCodes.Status422UnprocessableEntity, "coupon_expired", "max_redemptions_below_times_redeemed").WithSummary("Changes a coupon's editable fields (C11)").Produces<CouponDto>().WithDescription("Each field absent is left as it is. The coupon's id, code, discount, duration, applies_to, redemption_resource, coupon_type and unique_code_template cannot change: a body naming one is refused (C11).").RequireAuthorization(Roles.AdminPolicy);
        coupons.MapPost("/{id}/expire", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ExpireCoupon(id), ct)).ToOk())
            .WithName("ExpireCoupon").Refuses(StatusCodes.Status409Conflict, "coupon_already_expired").WithSummary("Expires a coupon: it can no longer be redeemed").Produces<CouponDto>().RequireAuthorization(Roles.AdminPolicy);
        coupons.MapPost("/{id}/restore", async (string id, RestoreRequest? body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RestoreCoupon(id, body?.RedeemBy, body?.MaxRedemptions), ct)).ToOk())
            .WithName("RestoreCoupon").Refuses(StatusCodes.Status409Conflict, "code_taken", "coupon_not_expired").Refuses(StatusCodes.Status422UnprocessableEntity, "restore_needs_higher_max_redemptions", "restore_needs_new_redeem_by", "redeem_by_in_past").WithSummary("Restores an expired coupon, optionally with a new redeem_by and max_redemptions (C14)").Produces<CouponDto>().RequireAuthorization(Roles.AdminPolicy);
        coupons.MapGet("/{id}/redemptions", async (string id, string? state, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new PageCouponRedemptions(id, state, new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListCouponRedemptions").WithSummary("Lists a coupon's redemptions, a page at a time").Produces<Page<RedemptionDto>>();

        coupons.MapPost("/{id}/codes", async (string id, GenerateCodesRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GenerateUniqueCodes(id, body.Count), ct)).ToCreated(_ => $"/api/coupons/{id}/codes"))
            .WithName("GenerateUniqueCodes").Refuses(StatusCodes.Status422UnprocessableEntity, "not_a_bulk_coupon", "template_exhausted").WithSummary("Generates unique codes for a bulk coupon").Produces<GeneratedCodes>(StatusCodes.Status201Created).RequireAuthorization(Roles.AdminPolicy);
        coupons.MapGet("/{id}/codes", async (string id, string? state, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new PageUniqueCodes(id, new PageRequest(limit, cursor), state), ct)).ToOk())
            .WithName("ListUniqueCodes").WithSummary("Lists a bulk coupon's unique codes, a page at a time").Produces<Page<UniqueCodeDto>>();
        coupons.MapPost("/{id}/codes/{code}/expire", async (string id, string code, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ExpireUniqueCode(id, code), ct)).ToOk())
            .WithName("ExpireUniqueCode").Refuses(StatusCodes.Status409Conflict, "unique_code_not_redeemable").WithSummary("Expires one unique code of a bulk coupon").Produces<UniqueCodeDto>().RequireAuthorization(Roles.AdminPolicy);
        coupons.MapPost("/{id}/codes/{code}/restore", async (string id, string code, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RestoreUniqueCode(id, code), ct)).ToOk())
            .WithName("RestoreUniqueCode").Refuses(StatusCodes.Status409Conflict, "unique_code_not_expired").WithSummary("Restores an expired unique code of a bulk coupon").Produces<UniqueCodeDto>().RequireAuthorization(Roles.AdminPolicy);

        var settings = api.MapGroup("/settings/coupons").WithTags("Coupons").RequireAuthorization(Roles.BusinessPolicy);
        settings.MapGet("/", async (IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetCouponSettings(), ct)).ToOk())
            .WithName("GetCouponSettings").WithSummary("Reads the coupon settings (stacking, percent mode, time zone)").Produces<CouponSettingsDto>();
        settings.MapPut("/", async (UpdateCouponSettings body, IMediator mediator, CancellationToken ct) => (await mediator.Send(body, ct)).ToOk())
            .WithName("UpdateCouponSettings").WithSummary("Changes the coupon settings; each field absent is left as it is").Produces<CouponSettingsDto>().RequireAuthorization(Roles.AdminPolicy);

        var redemptions = api.MapGroup("/accounts/{code}/redemptions").WithTags("Redemptions").RequireAuthorization(Roles.BusinessPolicy);
        redemptions.MapPost("/", async (string code, RedeemRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RedeemCoupon(code, body.CouponCode, body.Currency, body.SubscriptionId), ct))
                .ToCreated(r => $"/api/accounts/{code}/redemptions/{r.Id}"))
            .WithName("RedeemCoupon").Refuses(StatusCodes.Status404NotFound, "subscription_not_found").Refuses(StatusCodes.Status422UnprocessableEntity, "redeem_by_passed", "plan_not_eligible", "currency_not_supported", "unique_code_required", "subscription_required", "subscription_not_on_account", "subscription_not_active").Refuses(StatusCodes.Status404NotFound, "coupon_not_found").Refuses(StatusCodes.Status422UnprocessableEntity, "coupon_expired", "max_redemptions_reached", "max_redemptions_per_account_reached", "currency_not_billed").WithSummary("Redeems a coupon code for an account, optionally on one subscription").Produces<RedemptionDto>(StatusCodes.Status201Created).LimitCouponGuessing((RedeemRequest body) => !string.IsNullOrEmpty(body.CouponCode));
        redemptions.MapGet("/", async (string code, string? state, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new PageAccountRedemptions(code, state, new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListAccountRedemptions").WithSummary("Lists an account's redemptions, a page at a time").Produces<Page<RedemptionDto>>();
        redemptions.MapDelete("/{id}", async (string code, string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RemoveRedemption(code, id), ct)).ToOk())
            .WithName("RemoveRedemption").Refuses(StatusCodes.Status409Conflict, "redemption_inactive").WithSummary("Removes a redemption from an account").Produces<RedemptionDto>();
    }
}
