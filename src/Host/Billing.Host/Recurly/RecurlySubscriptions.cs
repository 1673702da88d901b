using Billing.Coupons.Contracts;
using Billing.Invoicing.Contracts;
using Billing.Host.Http;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;

namespace Billing.Host.Recurly;

internal sealed record RecurlySubscriptionAddOnIn(string? Code, int? Quantity, decimal? UnitAmount);

/// <summary>Recurly's SubscriptionCreate; the nested account is created when it does not exist yet.</summary>
internal sealed record RecurlySubscriptionCreate(
    string? PlanCode,
    string? PlanId,
    string? Currency,
    RecurlyAccountCreate? Account,
    IReadOnlyList<RecurlySubscriptionAddOnIn>? AddOns,
    IReadOnlyList<string>? CouponCodes,
    string? CollectionMethod,
    int? Quantity,
    decimal? UnitAmount,
    DateTimeOffset? StartsAt,
    DateTimeOffset? TrialEndsAt)
{
    public string? PlanCodeOrId => PlanCode ?? (PlanId is { } id ? RecurlyIds.Decode(id) : null);

    /// <summary>What Billing cannot honour is refused, not dropped (a custom price, a start or trial end of its own).</summary>
    public IResult? Unsupported(string prefix) =>
        UnitAmount is not null ? RecurlyErrors.Validation(prefix + "unit_amount", "A subscription's own unit_amount is not supported; the plan's price applies.")
        : StartsAt is not null ? RecurlyErrors.Validation(prefix + "starts_at", "starts_at is not supported; a subscription starts when it is created.")
        : TrialEndsAt is not null ? RecurlyErrors.Validation(prefix + "trial_ends_at", "trial_ends_at is not supported; the plan's trial applies.")
        : CollectionMethod is not (null or "automatic" or "manual") ? RecurlyErrors.Validation(prefix + "collection_method", "collection_method must be automatic or manual.")
        : AddOns?.Any(a => a.UnitAmount is not null) == true ? RecurlyErrors.Validation(prefix + "add_ons.unit_amount", "An add-on's own unit_amount is not supported; the plan's price applies.")
        : null;

    public CreateSubscription ToCommand(string accountCode, IReadOnlyList<string>? couponCodes) => new(
        accountCode,
        PlanCodeOrId ?? string.Empty,
        Currency ?? string.Empty,
        Quantity,
        AddOns?.Select(a => new AddOnQuantity(a.Code ?? string.Empty, a.Quantity ?? 1)).ToList(),
        couponCodes,
        null);
}

internal sealed record RecurlySubscriptionCancel(string? Timeframe);

internal sealed record RecurlyPurchaseSubscription(string? PlanCode, string? PlanId, IReadOnlyList<RecurlySubscriptionAddOnIn>? AddOns, int? Quantity, decimal? UnitAmount);

/// <summary>Recurly's PurchaseCreate: Billing sells one subscription per purchase, without separate one-time line items.</summary>
internal sealed record RecurlyPurchaseCreate(
    string? Currency,
    RecurlyAccountCreate? Account,
    IReadOnlyList<RecurlyPurchaseSubscription>? Subscriptions,
    IReadOnlyList<System.Text.Json.JsonElement>? LineItems,
    IReadOnlyList<string>? CouponCodes,
    string? CollectionMethod)
{
    public (RecurlySubscriptionCreate? Subscription, IResult? Refusal) AsSubscription()
    {
        if (LineItems is { Count: > 0 })
        {
            return (null, RecurlyErrors.Validation("line_items", "A purchase's line_items are not supported; charge them with Billing's /api one-time charges."));
        }

        if (Subscriptions is not [var only])
        {
            return (null, RecurlyErrors.Validation("subscriptions", "A purchase needs exactly one subscription here."));
        }

        var subscription = new RecurlySubscriptionCreate(only.PlanCode, only.PlanId, Currency, Account, only.AddOns, CouponCodes, CollectionMethod, only.Quantity, only.UnitAmount, null, null);
        return subscription.Unsupported("subscriptions.") is { } refusal ? (null, refusal) : (subscription, null);
    }
}

/// <summary>Subscriptions and purchases in Recurly's shapes, over the Subscriptions and Invoicing modules.</summary>
internal static class RecurlySubscriptions
{
    /// <summary>Recurly has no trial state: a subscription in its trial is active with <c>trial_ends_at</c> ahead.</summary>
    public static string State(SubscriptionDto subscription) => subscription.State == "in_trial" ? "active" : subscription.State;

    public static async Task<Result<RecurlySubscription>> RenderAsync(IMediator mediator, SubscriptionDto subscription, long? activeInvoice, CancellationToken ct)
    {
        var account = await mediator.Send(new GetAccount(subscription.AccountCode), ct);
        var plan = await mediator.Send(new GetPlan(subscription.PlanCode), ct);
        if (!account.IsSuccess || !plan.IsSuccess)
        {
            return !account.IsSuccess ? account.Error! : plan.Error!;
        }

        var own = await RecurlyAccounts.RedemptionsOf(mediator, subscription.AccountCode, ct).Where(r => r.SubscriptionId == subscription.Id).ToListAsync(ct);
        var coupons = await RecurlyAccounts.CouponsOfAsync(mediator, own.Select(r => r.CouponId), ct);
        if (!coupons.IsSuccess)
        {
            return coupons.Error;
        }

        if (activeInvoice is null && await mediator.Send(new PageInvoices(new PageRequest(1, null, Reversed: true), SubscriptionId: subscription.Id), ct) is { IsSuccess: true } latest)
        {
            activeInvoice = latest.Value.Data.FirstOrDefault()?.Number;
        }

        var price = plan.Value.Currencies.FirstOrDefault(c => c.Currency == subscription.Currency);
        var created = RecurlyJson.Utc(subscription.CreatedAt);
        return new RecurlySubscription(
            subscription.Id,
            RecurlyIds.Encode(subscription.Id),
            RecurlyAccounts.Mini(account.Value),
            RecurlyPlans.Mini(plan.Value),
            State(subscription),
            subscription.Currency,
            price?.UnitAmount,
            subscription.Quantity,
            [.. subscription.AddOns.Select(a => AddOn(plan.Value, subscription, a, created))],
            subscription.OriginalPrice,
            subscription.PurchasePrice,
            [.. own.Select(r => RecurlyAccounts.Mini(r, coupons.Value[r.CouponId]))],
            RecurlyJson.Utc(subscription.CurrentPeriodStart),
            RecurlyJson.Utc(subscription.CurrentPeriodEnd),
            created,
            subscription.TrialEndsAt is null ? null : created,
            RecurlyJson.Utc(subscription.TrialEndsAt),
            RecurlyJson.Utc(subscription.CanceledAt),
            RecurlyJson.Utc(subscription.ExpiresAt),
            "manual",
            subscription.CanceledAt is null,
            activeInvoice is { } number ? RecurlyInvoices.Id(number) : null,
            created,
            RecurlyJson.Utc(subscription.CanceledAt ?? subscription.CreatedAt));
    }

    public static async Task<IResult> OkAsync(IMediator mediator, Result<SubscriptionDto> subscription, bool created, CancellationToken ct)
    {
        if (!subscription.IsSuccess)
        {
            return created ? RecurlyErrors.FromBody(subscription.Error) : RecurlyErrors.From(subscription.Error);
        }

        var rendered = await RenderAsync(mediator, subscription.Value, subscription.Value.Invoice?.Number, ct);
        return !rendered.IsSuccess ? RecurlyErrors.From(rendered.Error)
            : created ? RecurlyJson.Created(rendered.Value)
            : RecurlyJson.Ok(rendered.Value);
    }

    public static async Task<Result<SubscriptionDto>> FindAsync(IMediator mediator, string selector, CancellationToken ct) =>
        RecurlyIds.ByIdOrUuid(selector) is { } id
            ? await mediator.Send(new GetSubscription(id), ct)
            : HostErrors.SubscriptionNotFoundById(selector);

    public static void MapRecurlySubscriptions(this IEndpointRouteBuilder recurly)
    {
        recurly.MapPost("/subscriptions", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync<RecurlySubscriptionCreate>(request);
            if ((refusal ?? body!.Unsupported(string.Empty)) is { } refused)
            {
                return refused;
            }

            var account = await RecurlyAccounts.EnsureAsync(mediator, body!.Account, ct);
            return account.IsSuccess
                ? await OkAsync(request.HttpContext.AfterCommand(), await request.HttpContext.AfterCommand().Send(body.ToCommand(account.Value.Code, body.CouponCodes), ct), created: true, ct)
                : RecurlyErrors.From(account.Error);
        }).LimitCouponGuessing();

        recurly.MapGet("/subscriptions/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            await OkAsync(mediator, await FindAsync(mediator, id, ct), created: false, ct));

        recurly.MapMethods("/accounts/{account}/subscriptions", ["GET", "HEAD"], async (string account, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var owner = await RecurlyAccounts.FindAsync(mediator, account, ct);
            var (query, refusal) = RecurlyListQuery.Parse(http.Request, "state");
            if (!owner.IsSuccess || refusal is not null)
            {
                return refusal ?? RecurlyErrors.From(owner.Error!);
            }

            if (States(query!.Filter("state")) is not { } states)
            {
                return RecurlyListQuery.Nothing(http);
            }

            return await query.AnswerAsync(
                http,
                mediator,
                page => new PageSubscriptions(page, AccountCode: owner.Value.Code, AnyState: states.Count == 0 ? null : states),
                RecurlyIds.ByIdOrUuid,
                RecurlyListQuery.EachAsync<SubscriptionDto, RecurlySubscription>(s => RenderAsync(mediator, s, null, ct)),
                ct);
        });

        recurly.MapPut("/subscriptions/{id}/cancel", async (string id, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync(request, new RecurlySubscriptionCancel(null));
            if (refusal is not null)
            {
                return refusal;
            }

            if (body!.Timeframe is not (null or "term_end" or "bill_date"))
            {
                return RecurlyErrors.Validation("timeframe", "timeframe must be term_end or bill_date.");
            }

            var subscription = await FindAsync(mediator, id, ct);
            return subscription.IsSuccess
                ? await OkAsync(request.HttpContext.AfterCommand(), await mediator.Send(new CancelSubscription(subscription.Value.Id, CancelTimeframe.PeriodEnd), ct), created: false, ct)
                : RecurlyErrors.From(subscription.Error);
        });

        recurly.MapDelete("/subscriptions/{id}", async (string id, string? refund, bool? charge, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            if (refund is not (null or "none") || charge == true)
            {
                return RecurlyErrors.Validation("refund", "Billing collects no payments, so a termination refunds and charges nothing: refund must be none.");
            }

            var subscription = await FindAsync(mediator, id, ct);
            return subscription.IsSuccess
                ? await OkAsync(http.AfterCommand(), await mediator.Send(new CancelSubscription(subscription.Value.Id, CancelTimeframe.Now), ct), created: false, ct)
                : RecurlyErrors.From(subscription.Error);
        });

        recurly.MapMethods("/subscriptions/{id}/coupon_redemptions", ["GET", "HEAD"], async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var subscription = await FindAsync(mediator, id, ct);
            return subscription.IsSuccess
                ? await RecurlyAccounts.ListRedemptionsAsync(http, mediator, "code-" + subscription.Value.AccountCode, [], RedemptionScope.All with { SubscriptionId = subscription.Value.Id }, ct)
                : RecurlyErrors.From(subscription.Error);
        });

        recurly.MapPost("/purchases", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync<RecurlyPurchaseCreate>(request);
            var (subscription, unsupported) = refusal is null ? body!.AsSubscription() : (null, null);
            if ((refusal ?? unsupported) is { } refused)
            {
                return refused;
            }

            var account = await RecurlyAccounts.EnsureAsync(mediator, subscription!.Account, ct);
            if (!account.IsSuccess)
            {
                return RecurlyErrors.From(account.Error);
            }

            var created = await request.HttpContext.AfterCommand().Send(subscription.ToCommand(account.Value.Code, subscription.CouponCodes), ct);
            return created is { IsSuccess: true, Value.Invoice: { } invoice }
                ? await CollectionAsync(request.HttpContext.AfterCommand(), invoice, StatusCodes.Status201Created, ct)
                : RecurlyErrors.FromBody(created.IsSuccess ? HostErrors.NoInvoice : created.Error!);
        }).LimitCouponGuessing();

        recurly.MapPost("/purchases/preview", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync<RecurlyPurchaseCreate>(request);
            var (subscription, unsupported) = refusal is null ? body!.AsSubscription() : (null, null);
            if ((refusal ?? unsupported) is { } refused)
            {
                return refused;
            }

            if (subscription!.CouponCodes is { Count: > 1 })
            {
                return RecurlyErrors.Validation("coupon_codes", "A purchase preview takes at most one coupon code here.");
            }

            string? accountCode = subscription.Account?.Code is { } code && (await mediator.Send(new GetAccount(code), ct)).IsSuccess ? code : null;
            var preview = await mediator.Send(
                new PreviewInvoice(
                    PlanCode: subscription.PlanCodeOrId,
                    Currency: subscription.Currency,
                    CouponCode: subscription.CouponCodes?.FirstOrDefault(),
                    Quantity: subscription.Quantity,
                    AddOns: subscription.AddOns?.Select(a => new PreviewAddOn(a.Code ?? string.Empty, a.Quantity ?? 1)).ToList(),
                    AccountCode: accountCode),
                ct);
            return preview.IsSuccess ? await CollectionAsync(mediator, preview.Value with { AccountCode = subscription.Account?.Code }, StatusCodes.Status200OK, ct) : RecurlyErrors.FromBody(preview.Error);
        }).LimitCouponGuessing();
    }

    private static async Task<IResult> CollectionAsync(IMediator mediator, InvoiceDto invoice, int status, CancellationToken ct)
    {
        var rendered = await RecurlyInvoices.RenderAsync(mediator, invoice, ct);
        return rendered.IsSuccess
            ? TypedResults.Json(new RecurlyInvoiceCollection(rendered.Value, []), RecurlyJson.Options, RecurlyJson.ContentType, status)
            : RecurlyErrors.From(rendered.Error);
    }

    /// <summary>Recurly's subscription state filter; <c>live</c> is every subscription that has not expired.</summary>
    /// <summary>
    /// Billing's subscription states a Recurly <c>state</c> filter names (none: every state): <c>live</c> is every state
    /// but expired, <c>active</c> includes the trial (<see cref="State"/>); a state Billing does not have (<c>future</c>,
    /// <c>paused</c>…) is <c>null</c>, no subscription.
    /// </summary>
    private static IReadOnlyList<string>? States(string? state) => state switch
    {
        null => [],
        "live" => ["in_trial", "active", "canceled"],
        "active" => ["active", "in_trial"],
        "in_trial" or "canceled" or "expired" => [state],
        _ => null,
    };

    private static RecurlySubscriptionAddOn AddOn(PlanDto plan, SubscriptionDto subscription, AddOnQuantity quantity, DateTime created)
    {
        var spec = plan.AddOns.FirstOrDefault(a => a.Code == quantity.Code);
        string id = spec is null ? RecurlyIds.Encode(plan.Code + "/" + quantity.Code) : RecurlyPlans.AddOnId(plan, spec);
        return new RecurlySubscriptionAddOn(
            RecurlyIds.Encode(subscription.Id + "/" + quantity.Code),
            new RecurlyAddOnMini(id, quantity.Code, spec?.Name ?? quantity.Code),
            subscription.Id,
            quantity.Quantity,
            spec?.Currencies.FirstOrDefault(c => c.Currency == subscription.Currency)?.UnitAmount,
            created);
    }
}
