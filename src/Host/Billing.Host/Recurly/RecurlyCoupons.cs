using Billing.Coupons.Contracts;
using Billing.Host.Http;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Host.Recurly;

internal sealed record RecurlyCouponPricingIn(string? Currency, decimal? Discount);

/// <summary>Recurly's CouponCreate (the request shape differs from the response, RECURLY.md §5.1).</summary>
internal sealed record RecurlyCouponCreate(
    string? Code,
    string? Name,
    string? DiscountType,
    int? DiscountPercent,
    IReadOnlyList<RecurlyCouponPricingIn>? Currencies,
    string? FreeTrialUnit,
    int? FreeTrialAmount,
    string? Duration,
    string? TemporalUnit,
    int? TemporalAmount,
    int? MaxRedemptions,
    int? MaxRedemptionsPerAccount,
    string? RedeemByDate,
    bool? AppliesToAllPlans,
    IReadOnlyList<string>? PlanCodes,
    bool? AppliesToNonPlanCharges,
    string? CouponType,
    string? UniqueCodeTemplate,
    string? RedemptionResource,
    string? HostedDescription,
    string? InvoiceDescription)
{
    public CreateCoupon ToCommand() => new(
        Code ?? string.Empty,
        null,
        Name ?? string.Empty,
        new DiscountSpec(
            DiscountType ?? string.Empty,
            DiscountType == "percent" ? DiscountPercent : null,
            DiscountType == "fixed" ? [.. (Currencies ?? []).Select(c => new CurrencyAmount(c.Currency ?? string.Empty, c.Discount ?? 0m))] : null,
            DiscountType == "free_trial" ? new TrialSpec(FreeTrialUnit ?? string.Empty, FreeTrialAmount ?? 0) : null),
        DurationOf(Duration, TemporalUnit, TemporalAmount),
        MaxRedemptions,
        MaxRedemptionsPerAccount,
        RecurlyCoupons.RedeemByDay(RedeemByDate),
        new AppliesToSpec(PlanCodes is not { Count: > 0 } && (AppliesToAllPlans ?? true), PlanCodes is { Count: > 0 } ? PlanCodes : null, AppliesToNonPlanCharges ?? false),
        RedemptionResource ?? "account",
        CouponType ?? "single_code",
        UniqueCodeTemplate,
        HostedDescription,
        InvoiceDescription,
        null);

    /// <summary>Recurly's temporal <c>billing_period</c> unit is Billing's billing_periods duration (RECURLY.md §5.4).</summary>
    private static DurationSpec? DurationOf(string? duration, string? unit, int? amount) => duration switch
    {
        null => null,
        "temporal" when unit == "billing_period" => DurationSpec.BillingPeriods(amount),
        "temporal" => new DurationSpec(duration, Amount: amount, Unit: unit),
        "billing_periods" => DurationSpec.BillingPeriods(amount),
        _ => new DurationSpec(duration),
    };
}

/// <summary>Recurly's CouponUpdate: what may change after creation (C11). A null means "not given" (RECURLY.md §5.14).</summary>
internal sealed record RecurlyCouponUpdate(
    string? Name,
    int? MaxRedemptions,
    int? MaxRedemptionsPerAccount,
    string? HostedDescription,
    string? InvoiceDescription,
    string? RedeemByDate)
{
    public static readonly RecurlyCouponUpdate None = new(null, null, null, null, null, null);

    public bool IsEmpty => this == None;

    public UpdateCoupon ToCommand(string id) => new(
        id,
        Name is null ? default : new Patch<string>(Name),
        HostedDescription is null ? default : new Patch<string?>(HostedDescription),
        InvoiceDescription is null ? default : new Patch<string?>(InvoiceDescription),
        default,
        MaxRedemptions is null ? default : new Patch<int?>(MaxRedemptions),
        MaxRedemptionsPerAccount is null ? default : new Patch<int?>(MaxRedemptionsPerAccount),
        RedeemByDate is null ? default : new Patch<string?>(RecurlyCoupons.RedeemByDay(RedeemByDate)),
        []);
}

internal sealed record RecurlyGenerateCodes(int? NumberOfUniqueCodes);

/// <summary>Coupons and unique codes in Recurly's shapes, over the Coupons module's commands and queries.</summary>
internal static class RecurlyCoupons
{
    /// <summary>
    /// Recurly's <c>redeem_by_date</c> means the end of that day in the site's zone (RECURLY.md §5.6); Billing's
    /// date form means exactly that (C6), so only the date part of what the client sent is passed on.
    /// </summary>
    public static string? RedeemByDay(string? redeemByDate) =>
        redeemByDate is { Length: >= 10 } text && text[4] == '-' && text[7] == '-' ? text[..10] : redeemByDate;

    public static string State(CouponDto coupon) => coupon.State switch
    {
        "expired" when coupon.ExpireReason == "max_redemptions" => "maxed_out",
        _ => coupon.State,
    };

    public static RecurlyDiscount Discount(CouponDto coupon) => new(
        coupon.Discount.Type,
        coupon.Discount.Percent,
        coupon.Discount.Amounts?.Select(a => new RecurlyDiscountPricing(a.Currency, a.Amount)).ToList(),
        coupon.Discount.Trial is { } trial ? new RecurlyDiscountTrial(trial.Unit, trial.Length) : null);

    public static RecurlyCoupon Render(CouponDto coupon, int? uniqueCodes = null)
    {
        var duration = coupon.Duration;
        bool periods = duration.Is(DurationType.BillingPeriods);
        return new RecurlyCoupon(
            coupon.Id,
            coupon.Code,
            coupon.Name,
            State(coupon),
            coupon.CouponType,
            Discount(coupon),
            duration.Type,
            periods ? "billing_period" : duration.Unit,
            periods ? duration.Periods : duration.Amount,
            coupon.Discount.Trial?.Unit,
            coupon.Discount.Trial?.Length,
            coupon.MaxRedemptions,
            coupon.MaxRedemptionsPerAccount,
            coupon.UniqueCodeTemplate,
            uniqueCodes,
            coupon.AppliesTo.AllPlans,
            coupon.AppliesTo.AllPlans ? null : [.. (coupon.AppliesTo.PlanCodes ?? []).Select(code => new RecurlyPlanMini(RecurlyIds.Encode(code), code, null))],
            coupon.AppliesTo.NonPlanCharges,
            coupon.RedemptionResource,
            coupon.HostedPageDescription,
            coupon.InvoiceDescription,
            RecurlyJson.Utc(coupon.RedeemBy),
            RecurlyJson.Utc(coupon.CreatedAt),
            RecurlyJson.Utc(coupon.ExpiredAt ?? coupon.CreatedAt),
            RecurlyJson.Utc(coupon.ExpiredAt));
    }

    public static RecurlyCouponMini Mini(CouponDto coupon) =>
        new(coupon.Id, coupon.Code, coupon.Name, State(coupon), coupon.CouponType, Discount(coupon), RecurlyJson.Utc(coupon.ExpiredAt));

    /// <summary>Billing's manually expired code is Recurly's deactivated (<c>inactive</c>) one (RECURLY.md §5.3).</summary>
    public static RecurlyUniqueCouponCode Render(UniqueCodeDto code, CouponDto coupon) => new(
        RecurlyIds.Encode(code.Code),
        code.Code,
        code.State == "expired" ? "inactive" : code.State,
        coupon.Id,
        coupon.Code,
        RecurlyJson.Utc(code.RedeemedAt),
        RecurlyJson.Utc(code.ExpiredAt),
        RecurlyJson.Utc(code.CreatedAt),
        RecurlyJson.Utc(code.ExpiredAt ?? code.RedeemedAt ?? code.CreatedAt));

    /// <summary>The coupon a selector names: its id, or <c>code-&lt;code&gt;</c>.</summary>
    public static async Task<Result<CouponDto>> FindAsync(IMediator mediator, string selector, CancellationToken ct)
    {
        string raw = selector.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return raw.StartsWith("code-", StringComparison.Ordinal)
            ? await mediator.Send(new FindCouponByCode(raw["code-".Length..]), ct)
            : await mediator.Send(new GetCoupon(raw), ct);
    }

    public static async Task<Result<UniqueCodeDto>> FindCodeAsync(IMediator mediator, string selector, CancellationToken ct) =>
        RecurlyIds.ByCodeOrId(selector) is { } code
            ? await mediator.Send(new GetUniqueCode(code), ct)
            : HostErrors.UniqueCodeNotFoundById(selector);

    /// <summary>How many codes a bulk coupon has: the count of its codes' list, one <c>SELECT COUNT(*)</c> (issue 20).</summary>
    public static async Task<int?> UniqueCodeCountAsync(IMediator mediator, CouponDto coupon, CancellationToken ct)
    {
        if (coupon.CouponType != "bulk")
        {
            return null;
        }

        var codes = await mediator.Send(new PageUniqueCodes(coupon.Id, PageRequest.First with { CountOnly = true }), ct);
        return (int)(codes.Value.Total ?? 0);
    }

    public static void MapRecurlyCoupons(this IEndpointRouteBuilder recurly)
    {
        recurly.MapPost("/coupons", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync<RecurlyCouponCreate>(request);
            return refusal ?? RecurlyJson.Created(await mediator.Send(body!.ToCommand(), ct), c => Render(c, c.CouponType == "bulk" ? 0 : null));
        }).WithMetadata(new RecurlyAdminOnly());

        recurly.MapMethods("/coupons", ["GET", "HEAD"], (HttpContext http, IMediator mediator, CancellationToken ct) =>
            RecurlyPaging.PageAsync(
                http,
                mediator,
                [],
                query => page => new PageCoupons(page, Codes: query.Selectors("code-")),
                id => id.StartsWith("code-", StringComparison.Ordinal) ? null : id,
                RecurlyListQuery.Each<CouponDto>(c => Render(c)),
                ct));

        recurly.MapGet("/coupons/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
        {
            var coupon = await FindAsync(mediator, id, ct);
            return coupon.IsSuccess ? RecurlyJson.Ok(Render(coupon.Value, await UniqueCodeCountAsync(mediator, coupon.Value, ct))) : RecurlyErrors.From(coupon.Error);
        });

        recurly.MapPut("/coupons/{id}", async (string id, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync(request, RecurlyCouponUpdate.None);
            var coupon = await FindAsync(mediator, id, ct);
            return refusal ?? (coupon.IsSuccess
                ? RecurlyJson.Ok(await mediator.Send(body!.ToCommand(coupon.Value.Id), ct), c => Render(c))
                : RecurlyErrors.From(coupon.Error));
        }).WithMetadata(new RecurlyAdminOnly());

        recurly.MapDelete("/coupons/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
        {
            var coupon = await FindAsync(mediator, id, ct);
            return coupon.IsSuccess ? RecurlyJson.Ok(await mediator.Send(new ExpireCoupon(coupon.Value.Id), ct), c => Render(c)) : RecurlyErrors.From(coupon.Error);
        }).WithMetadata(new RecurlyAdminOnly());

        recurly.MapPut("/coupons/{id}/restore", async (string id, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync(request, RecurlyCouponUpdate.None);
            if (refusal is not null)
            {
                return refusal;
            }

            var coupon = await FindAsync(mediator, id, ct);
            if (!coupon.IsSuccess)
            {
                return RecurlyErrors.From(coupon.Error);
            }

            var restored = await mediator.Send(new RestoreCoupon(coupon.Value.Id, RedeemByDay(body!.RedeemByDate), body.MaxRedemptions), ct);
            var others = body with { RedeemByDate = null, MaxRedemptions = null };
            return restored.IsSuccess && !others.IsEmpty
                ? RecurlyJson.Ok(await mediator.Send(others.ToCommand(coupon.Value.Id), ct), c => Render(c))
                : RecurlyJson.Ok(restored, c => Render(c));
        }).WithMetadata(new RecurlyAdminOnly());

        recurly.MapPost("/coupons/{id}/generate", async (string id, HttpRequest request, IMediator mediator, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync<RecurlyGenerateCodes>(request);
            var coupon = await FindAsync(mediator, id, ct);
            if (refusal is not null || !coupon.IsSuccess)
            {
                return refusal ?? RecurlyErrors.From(coupon.Error!);
            }

            var begin = clock.GetUtcNow();
            var generated = await mediator.Send(new GenerateUniqueCodes(coupon.Value.Id, body!.NumberOfUniqueCodes ?? 0), ct);
            return RecurlyJson.Created(generated, g => new RecurlyUniqueCouponCodeParams(Math.Min(g.Count, 200), "asc", "created_at", RecurlyJson.Utc(begin)));
        }).WithMetadata(new RecurlyAdminOnly());

        recurly.MapPost("/coupons/{id}/generate_sync", async (string id, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync<RecurlyGenerateCodes>(request);
            var coupon = await FindAsync(mediator, id, ct);
            if (refusal is not null || !coupon.IsSuccess)
            {
                return refusal ?? RecurlyErrors.From(coupon.Error!);
            }

            if (body!.NumberOfUniqueCodes is not (>= 1 and <= 200))
            {
                return RecurlyErrors.Validation("number_of_unique_codes", "number_of_unique_codes must be from 1 to 200 for generate_sync.");
            }

            var generated = await mediator.Send(new GenerateUniqueCodes(coupon.Value.Id, body.NumberOfUniqueCodes.Value), ct);
            if (!generated.IsSuccess)
            {
                return RecurlyErrors.From(generated.Error);
            }

            var codes = new List<RecurlyUniqueCouponCode>(generated.Value.Count);
            foreach (string code in generated.Value.Codes)
            {
                var found = await request.HttpContext.AfterCommand().Send(new GetUniqueCode(code), ct);
                if (!found.IsSuccess)
                {
                    return RecurlyErrors.From(found.Error);
                }

                codes.Add(Render(found.Value, coupon.Value));
            }

            return RecurlyJson.Ok(new RecurlyUniqueCouponCodeGeneration(codes));
        }).WithMetadata(new RecurlyAdminOnly());

        recurly.MapMethods("/coupons/{id}/unique_coupon_codes", ["GET", "HEAD"], async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var coupon = await FindAsync(mediator, id, ct);
            if (!coupon.IsSuccess)
            {
                return RecurlyErrors.From(coupon.Error);
            }

            return await RecurlyPaging.PageAsync(
                http,
                mediator,
                ["redeemed"],
                query => page => new PageUniqueCodes(coupon.Value.Id, page, Redeemed: query.Filter("redeemed") switch { "true" => true, "false" => false, _ => null }),
                RecurlyIds.ByCodeOrId,
                RecurlyListQuery.Each<UniqueCodeDto>(c => Render(c, coupon.Value)),
                ct);
        });

        recurly.MapGet("/unique_coupon_codes/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            await RenderCodeAsync(mediator, await FindCodeAsync(mediator, id, ct), ct));

        recurly.MapDelete("/unique_coupon_codes/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var code = await FindCodeAsync(mediator, id, ct);
            return code.IsSuccess
                ? await RenderCodeAsync(http.AfterCommand(), await mediator.Send(new ExpireUniqueCode(code.Value.CouponId, code.Value.Code), ct), ct)
                : RecurlyErrors.From(code.Error);
        }).WithMetadata(new RecurlyAdminOnly());

        recurly.MapPut("/unique_coupon_codes/{id}/restore", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var code = await FindCodeAsync(mediator, id, ct);
            return code.IsSuccess
                ? await RenderCodeAsync(http.AfterCommand(), await mediator.Send(new RestoreUniqueCode(code.Value.CouponId, code.Value.Code), ct), ct)
                : RecurlyErrors.From(code.Error);
        }).WithMetadata(new RecurlyAdminOnly());
    }

    private static async Task<IResult> RenderCodeAsync(IMediator mediator, Result<UniqueCodeDto> code, CancellationToken ct)
    {
        if (!code.IsSuccess)
        {
            return RecurlyErrors.From(code.Error);
        }

        var coupon = await mediator.Send(new GetCoupon(code.Value.CouponId), ct);
        return coupon.IsSuccess ? RecurlyJson.Ok(Render(code.Value, coupon.Value)) : RecurlyErrors.From(coupon.Error);
    }
}
