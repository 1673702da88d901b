using Billing.Coupons.Contracts;
using Billing.Host.Http;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;

namespace Billing.Host.Recurly;

internal sealed record RecurlyAddressIn(string? Street1, string? Street2, string? City, string? Region, string? PostalCode, string? Country, string? Phone);

/// <summary>Recurly's AccountCreate; Billing keeps code, email and the address's country (S2) and no names or street.</summary>
internal sealed record RecurlyAccountCreate(string? Code, string? Email, string? FirstName, string? LastName, string? Company, RecurlyAddressIn? Address)
{
    public CreateAccount ToCommand() => new(Code ?? string.Empty, Email ?? string.Empty, Address?.Country ?? string.Empty, null);
}

internal sealed record RecurlyRedemptionCreate(string? CouponId, string? Currency, string? SubscriptionId);

/// <summary>Accounts and coupon redemptions in Recurly's shapes, over the Subscriptions and Coupons modules.</summary>
internal static class RecurlyAccounts
{
    /// <summary>The currency of a redemption that names none: Billing has no site default currency, so USD, Recurly's usual one.</summary>
    public const string DefaultCurrency = "USD";

    public static RecurlyAccount Render(AccountDto account) => new(
        RecurlyIds.Encode(account.Code),
        account.Code,
        "active",
        account.Email,
        null,
        null,
        null,
        new RecurlyAddress(account.Country),
        RecurlyJson.Utc(account.CreatedAt),
        RecurlyJson.Utc(account.CreatedAt),
        null);

    public static RecurlyAccountMini Mini(AccountDto account) => new(RecurlyIds.Encode(account.Code), account.Code, account.Email);

    public static RecurlyAccountMini Mini(string code) => new(RecurlyIds.Encode(code), code, null);

    public static async Task<Result<AccountDto>> FindAsync(IMediator mediator, string selector, CancellationToken ct) =>
        RecurlyIds.ByCodeOrId(selector) is { } code
            ? await mediator.Send(new GetAccount(code), ct)
            : HostErrors.AccountNotFoundById(selector);

    /// <summary>
    /// The account a purchase or subscription names, created first when it does not exist yet (Recurly creates it from
    /// the nested AccountCreate, RECURLY.md §4).
    /// </summary>
    public static async Task<Result<AccountDto>> EnsureAsync(IMediator mediator, RecurlyAccountCreate? account, CancellationToken ct)
    {
        if (account?.Code is not { Length: > 0 } code)
        {
            return Error.Validation("account.code", "account.code is required.");
        }

        var existing = await mediator.Send(new GetAccount(code), ct);
        return existing.IsSuccess || existing.Error.Kind != ErrorKind.NotFound ? existing : await mediator.Send(account.ToCommand(), ct);
    }

    public static RecurlyCouponRedemption Render(RedemptionDto redemption, AccountDto account, CouponDto coupon) => new(
        redemption.Id,
        RecurlyIds.Encode(redemption.Id),
        Mini(account),
        redemption.SubscriptionId,
        RecurlyCoupons.Render(coupon),
        redemption.State,
        redemption.Currency,
        Discounted(redemption),
        RecurlyJson.Utc(redemption.CreatedAt),
        RecurlyJson.Utc(redemption.EndedAt ?? redemption.CreatedAt),
        RecurlyJson.Utc(redemption.EndedAt));

    public static RecurlyCouponRedemptionMini Mini(RedemptionDto redemption, CouponDto coupon) =>
        new(redemption.Id, RecurlyCoupons.Mini(coupon), redemption.State, Discounted(redemption), RecurlyJson.Utc(redemption.CreatedAt));

    /// <summary>The coupons of some redemptions, each looked up once.</summary>
    public static async Task<Result<Dictionary<string, CouponDto>>> CouponsOfAsync(IMediator mediator, IEnumerable<string> couponIds, CancellationToken ct)
    {
        var coupons = new Dictionary<string, CouponDto>(StringComparer.Ordinal);
        foreach (string id in couponIds.Distinct(StringComparer.Ordinal))
        {
            var coupon = await mediator.Send(new GetCoupon(id), ct);
            if (!coupon.IsSuccess)
            {
                return coupon.Error;
            }

            coupons[id] = coupon.Value;
        }

        return coupons;
    }

    public static void MapRecurlyAccounts(this IEndpointRouteBuilder recurly)
    {
        recurly.MapPost("/accounts", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync<RecurlyAccountCreate>(request);
            return refusal ?? RecurlyJson.Created(await mediator.Send(body!.ToCommand(), ct), Render);
        });

        recurly.MapMethods("/accounts", ["GET", "HEAD"], (HttpContext http, IMediator mediator, CancellationToken ct) =>
            RecurlyPaging.PageAsync(
                http,
                mediator,
                ["email"],
                query => page => new PageAccounts(query.Filter("email"), null, page),
                RecurlyIds.ByCodeOrId,
                RecurlyListQuery.Each<AccountDto>(a => Render(a)),
                ct));

        recurly.MapGet("/accounts/{account}", async (string account, IMediator mediator, CancellationToken ct) =>
            RecurlyJson.Ok(await FindAsync(mediator, account, ct), Render));

        recurly.MapPost("/accounts/{account}/coupon_redemptions/active", async (string account, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync<RecurlyRedemptionCreate>(request);
            var owner = await FindAsync(mediator, account, ct);
            if (refusal is not null || !owner.IsSuccess)
            {
                return refusal ?? RecurlyErrors.From(owner.Error!);
            }

            if (body!.CouponId is not { Length: > 0 } couponId)
            {
                return RecurlyErrors.Validation("coupon_id", "coupon_id is required: the id of the coupon to redeem.");
            }

            var coupon = await RecurlyCoupons.FindAsync(mediator, couponId, ct);
            if (!coupon.IsSuccess)
            {
                return RecurlyErrors.From(coupon.Error);
            }

            var redeemed = await mediator.Send(new RedeemCoupon(owner.Value.Code, coupon.Value.Code, body.Currency ?? DefaultCurrency, body.SubscriptionId), ct);
            return redeemed.IsSuccess ? await RenderOneAsync(request.HttpContext.AfterCommand(), owner.Value, redeemed.Value, ct) : RecurlyErrors.From(redeemed.Error);
        }).LimitCouponGuessing();

        recurly.MapMethods("/accounts/{account}/coupon_redemptions", ["GET", "HEAD"], (string account, HttpContext http, IMediator mediator, CancellationToken ct) =>
            ListRedemptionsAsync(http, mediator, account, ["state"], RedemptionScope.All, ct));

        recurly.MapMethods("/accounts/{account}/coupon_redemptions/active", ["GET", "HEAD"], (string account, HttpContext http, IMediator mediator, CancellationToken ct) =>
            ListRedemptionsAsync(http, mediator, account, [], RedemptionScope.All with { State = "active" }, ct));

        recurly.MapDelete("/accounts/{account}/coupon_redemptions/active", async (string account, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await RemoveAsync(http, mediator, account, redemptions => redemptions.Where(r => r.State == "active").MaxBy(r => r.CreatedAt), ct));

        recurly.MapGet("/accounts/{account}/coupon_redemptions/{redemption}", async (string account, string redemption, IMediator mediator, CancellationToken ct) =>
        {
            var owner = await FindAsync(mediator, account, ct);
            if (!owner.IsSuccess)
            {
                return RecurlyErrors.From(owner.Error);
            }

            string? id = RecurlyIds.ByIdOrUuid(redemption);
            return await RedemptionsOf(mediator, owner.Value.Code, ct).FirstOrDefaultAsync(r => r.Id == id, ct) is { } found
                ? await RenderOneAsync(mediator, owner.Value, found, ct)
                : RecurlyErrors.NotFound($"Account '{owner.Value.Code}' has no coupon redemption '{redemption}'.");
        });

        recurly.MapDelete("/accounts/{account}/coupon_redemptions/{redemption}", async (string account, string redemption, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await RemoveAsync(http, mediator, account, redemptions => redemptions.FirstOrDefault(r => r.Id == RecurlyIds.ByIdOrUuid(redemption)), ct));
    }

    /// <summary>An existing account's redemptions in redemption order, read page by page.</summary>
    public static IAsyncEnumerable<RedemptionDto> RedemptionsOf(IMediator mediator, string accountCode, CancellationToken ct) =>
        mediator.AllAsync(page => new PageAccountRedemptions(accountCode, null, page), PageRequest.MaxLimit, ct);

    public static async Task<IResult> ListRedemptionsAsync(
        HttpContext http, IMediator mediator, string account, string[] filters, RedemptionScope scope, CancellationToken ct)
    {
        var owner = await FindAsync(mediator, account, ct);
        return owner.IsSuccess
            ? await ListRedemptionsAsync(http, mediator, owner.Value, filters, scope, ct)
            : RecurlyErrors.From(owner.Error);
    }

    /// <summary>
    /// An account's redemptions in <paramref name="scope"/>, and in the list's <c>state</c> when it takes one (a state
    /// other than active or inactive matches nothing), every filter in the module's SQL.
    /// </summary>
    public static Task<IResult> ListRedemptionsAsync(
        HttpContext http, IMediator mediator, AccountDto owner, string[] filters, RedemptionScope scope, CancellationToken ct) =>
        RecurlyPaging.PageAsync<RedemptionDto>(
            http,
            mediator,
            filters,
            query => (scope.State ?? query.Filter("state")) is var state && state is null or "active" or "inactive"
                ? page => new PageAccountRedemptions(owner.Code, state, page, scope.SubscriptionId)
                : null,
            RecurlyIds.ByIdOrUuid,
            async redemptions =>
            {
                var coupons = await CouponsOfAsync(mediator, redemptions.Select(r => r.CouponId), ct);
                return coupons.IsSuccess
                    ? redemptions.Select(r => (object)Render(r, owner, coupons.Value[r.CouponId])).ToList()
                    : coupons.Error;
            },
            ct,
            scope.Ids);

    private static async Task<IResult> RemoveAsync(HttpContext http, IMediator mediator, string account, Func<IReadOnlyList<RedemptionDto>, RedemptionDto?> pick, CancellationToken ct)
    {
        var owner = await FindAsync(mediator, account, ct);
        if (!owner.IsSuccess)
        {
            return RecurlyErrors.From(owner.Error);
        }

        if (pick(await RedemptionsOf(mediator, owner.Value.Code, ct).ToListAsync(ct)) is not { } chosen)
        {
            return RecurlyErrors.NotFound($"Account '{owner.Value.Code}' has no such active coupon redemption.");
        }

        var removed = await mediator.Send(new RemoveRedemption(owner.Value.Code, chosen.Id), ct);
        return removed.IsSuccess ? await RenderOneAsync(http.AfterCommand(), owner.Value, removed.Value, ct) : RecurlyErrors.From(removed.Error);
    }

    private static async Task<IResult> RenderOneAsync(IMediator mediator, AccountDto owner, RedemptionDto redemption, CancellationToken ct)
    {
        var coupon = await mediator.Send(new GetCoupon(redemption.CouponId), ct);
        return coupon.IsSuccess ? RecurlyJson.Ok(Render(redemption, owner, coupon.Value)) : RecurlyErrors.From(coupon.Error);
    }

    private static decimal Discounted(RedemptionDto redemption) =>
        redemption.TotalDiscounted.FirstOrDefault(t => t.Currency == redemption.Currency)?.Amount ?? 0m;
}

/// <summary>Which of an account's redemptions a Recurly list shows: in one state, of one subscription, among some ids (an invoice's); null is any.</summary>
internal sealed record RedemptionScope(string? State, string? SubscriptionId, IReadOnlySet<string>? Ids)
{
    public static RedemptionScope All { get; } = new(null, null, null);
}
