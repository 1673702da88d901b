using System.Security.Claims;
using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Host.OpenApi;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Host.Endpoints;

/// <summary>The body of POST /subscriptions: the subscription, and the price-override fields of seed 002's flow B (S4).</summary>
internal sealed record CreateSubscriptionRequest(
    string AccountCode,
    string PlanCode,
    string Currency,
    int? Quantity,
    IReadOnlyList<AddOnQuantity>? AddOns,
    IReadOnlyList<string>? CouponCodes,
    decimal? Price,
    string? PaymentType,
    string? ChargedBy,
    string? DiscountCodeName,
    string? CouponCode)
{
    /// <summary>Whether the body names any price-override field (a method, not a property: it is not part of the JSON).</summary>
    public bool OverridesPrice() => Price is not null || PaymentType is not null || ChargedBy is not null || DiscountCodeName is not null || CouponCode is not null;

    public CreateSubscription ToCommand() => new(
        AccountCode,
        PlanCode,
        Currency,
        Quantity,
        AddOns,
        CouponCodes,
        OverridesPrice() ? new PriceOverride(Price, PaymentType, ChargedBy, DiscountCodeName, CouponCode) : null);
}

/// <summary>The body of PUT /subscriptions/{id}; <c>timeframe</c> is <c>now</c> (the default) or <c>renewal</c> (S8).</summary>
internal sealed record ChangeSubscriptionRequest(string? PlanCode, int? Quantity, string? Timeframe, string? CouponCode)
{
    public Result<ChangeSubscription> ToCommand(string id) =>
        WireValues.Parse(Timeframe, ChangeTimeframe.Now, "timeframe", "S8").Map(timeframe => new ChangeSubscription(id, PlanCode, Quantity, timeframe, CouponCode));
}

/// <summary>The body of POST /subscriptions/{id}/cancel; <c>timeframe</c> is <c>period_end</c> (the default) or <c>now</c> (S9).</summary>
internal sealed record CancelSubscriptionRequest(string? Timeframe)
{
    public static Result<CancelSubscription> ToCommand(string id, CancelSubscriptionRequest? body) =>
        WireValues.Parse(body?.Timeframe, CancelTimeframe.PeriodEnd, "timeframe", "S9").Map(timeframe => new CancelSubscription(id, timeframe));
}

/// <summary>The body of PATCH /accounts/{code} (issue 16): each field absent is left as it is.</summary>
internal sealed record UpdateAccountRequest(Patch<string?> Email, Patch<string?> Country, Patch<decimal?> TaxRate, Patch<string?> CollectionMethod)
{
    public UpdateAccount ToCommand(string code) => new(code, Email, Country, TaxRate, CollectionMethod);
}

/// <summary>The body of PATCH /plans/{code} (issue 16): each field absent is left as it is.</summary>
internal sealed record UpdatePlanRequest(Patch<string?> Name, Patch<IReadOnlyList<PlanCurrencySpec>?> Currencies, Patch<IReadOnlyList<AddOnSpec>?> AddOns)
{
    public UpdatePlan ToCommand(string code) => new(code, Name, Currencies, AddOns);
}

internal sealed record ChargeRequest(string? Description, string Currency, decimal? Amount, string? OfferingCode);

/// <summary>HTTP for the Subscriptions module: plans, packages, accounts, subscriptions, one-time charges.</summary>
internal static class SubscriptionEndpoints
{
    public static void MapSubscriptionEndpoints(this IEndpointRouteBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Plans").RequireAuthorization(Roles.BusinessPolicy);
        plans.MapPost("/", async (CreatePlan body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(p => $"/api/plans/{p.Code}"))
            .WithName("CreatePlan").Refuses(StatusCodes.Status409Conflict, "plan_code_taken").WithSummary("Creates a plan with its prices per currency and its add-ons").Produces<PlanDto>(StatusCodes.Status201Created).RequireAuthorization(Roles.AdminPolicy);
        plans.MapGet("/", async (int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new PagePlans(new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListPlans").WithSummary("Lists plans, a page at a time").Produces<Page<PlanDto>>();
        plans.MapGet("/{code}", async (string code, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetPlan(code), ct)).ToOk())
            .WithName("GetPlan").WithSummary("Reads a plan by its code").Produces<PlanDto>();
        plans.MapPatch("/{code}", async (string code, UpdatePlanRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body.ToCommand(code), ct)).ToOk())
            .WithName("UpdatePlan").Refuses(StatusCodes.Status409Conflict, "add_on_code_taken").WithSummary("Changes a plan's name, prices (for new subscriptions and from each subscription's next period) and adds add-ons (S1)").Produces<PlanDto>().RequireAuthorization(Roles.AdminPolicy);
        plans.MapPost("/{code}/archive", async (string code, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ArchivePlan(code), ct)).ToOk())
            .WithName("ArchivePlan").Refuses(StatusCodes.Status409Conflict, "plan_already_archived").WithSummary("Archives a plan: no new subscriptions; existing ones keep renewing").Produces<PlanDto>().RequireAuthorization(Roles.AdminPolicy);

        var packages = api.MapGroup("/packages").WithTags("Plans").RequireAuthorization(Roles.BusinessPolicy);
        packages.MapPost("/", async (CreatePackage body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(p => $"/api/packages/{p.Code}"))
            .WithName("CreatePackage").Refuses(StatusCodes.Status409Conflict, "offering_code_taken").WithSummary("Creates a package (a one-time offering) with its prices per currency").Produces<PackageDto>(StatusCodes.Status201Created).RequireAuthorization(Roles.AdminPolicy);
        packages.MapGet("/", async (int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListPackages(new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListPackages").WithSummary("Lists packages, a page at a time").Produces<Page<PackageDto>>();

        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Roles.BusinessPolicy);
        accounts.MapPost("/", async (CreateAccount body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(a => $"/api/accounts/{a.Code}"))
            .WithName("CreateAccount").Refuses(StatusCodes.Status409Conflict, "account_code_taken").WithSummary("Creates an account").Produces<AccountDto>(StatusCodes.Status201Created);
        accounts.MapGet("/", async (
                string? email,
                string? country,
                [FromQuery(Name = "created_from")] DateTimeOffset? createdFrom,
                [FromQuery(Name = "created_to")] DateTimeOffset? createdTo,
                int? limit,
                string? cursor,
                IMediator mediator,
                CancellationToken ct) =>
            (await mediator.Send(new PageAccounts(email, country, new PageRequest(limit, cursor) { Created = CreatedRange.HalfOpen(createdFrom, createdTo) }), ct)).ToOk())
            .WithName("ListAccounts").WithSummary("Lists accounts, filtered by email, country and creation time, a page at a time").Produces<Page<AccountDto>>();
        accounts.MapPatch("/{code}", async (string code, UpdateAccountRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var updated = await mediator.Send(body.ToCommand(code), ct);
                return updated.IsSuccess && body.CollectionMethod.IsSpecified && updated.Value.CollectionMethod == Wire<CollectionMethod>.Name(CollectionMethod.Automatic)
                    ? (await mediator.Send(new SetCollectionMethod(code, updated.Value.CollectionMethod), ct)).ToOk()
                    : updated.ToOk();
            })
            .WithName("UpdateAccount").WithSummary("Changes an account's email, country, tax rate or collection method; each field absent is left as it is").Produces<AccountDto>();
        accounts.MapGet("/{code}/subscriptions", async (string code, string? state, [FromQuery(Name = "plan_code")] string? planCode, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new PageSubscriptions(new PageRequest(limit, cursor), AccountCode: code, State: state, PlanCode: planCode), ct)).ToOk())
            .WithName("ListAccountSubscriptions").WithSummary("Lists an account's subscriptions, a page at a time").Produces<Page<SubscriptionDto>>();
        accounts.MapGet("/{code}", async (string code, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetAccount(code, WithCredit: true), ct)).ToOk())
            .WithName("GetAccount").WithSummary("Reads an account by its code, with its credit balances").Produces<AccountDto>();
        accounts.MapPost("/{code}/charges", async (string code, ChargeRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ChargeAccount(code, body.Description, body.Currency, body.Amount, body.OfferingCode), ct)).ToCreated(i => $"/api/invoices/{i.Number}"))
            .WithName("ChargeAccount").Refuses(StatusCodes.Status422UnprocessableEntity, "currency_not_supported").Refuses(StatusCodes.Status404NotFound, "package_not_found").WithSummary("Charges an account once (S7): answers the one-time invoice").Produces<InvoiceDto>(StatusCodes.Status201Created);

        var subscriptions = api.MapGroup("/subscriptions").WithTags("Subscriptions").RequireAuthorization(Roles.BusinessPolicy);
        subscriptions.MapPost("/", async (CreateSubscriptionRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            body.OverridesPrice() && !user.IsInRole(Roles.Admin)
                ? HostErrors.PriceOverrideForbidden.ToProblem()
                : (await mediator.Send(body.ToCommand(), ct)).ToCreated(s => $"/api/subscriptions/{s.Id}"))
            .WithName("CreateSubscription").Refuses(StatusCodes.Status404NotFound, "account_not_found", "plan_not_found", "coupon_not_found").Refuses(StatusCodes.Status422UnprocessableEntity, "plan_archived", "add_on_not_found", "coupon_expired", "redeem_by_passed", "max_redemptions_reached", "max_redemptions_per_account_reached", "currency_not_supported", "plan_not_eligible", "unique_code_required").WithSummary("Subscribes an account to a plan: answers the subscription with its first invoice").Produces<SubscriptionDto>(StatusCodes.Status201Created).WithDescription("The price-override fields (price, payment_type, charged_by, discount_code_name, coupon_code) need an admin token (S4).").Refuses(StatusCodes.Status403Forbidden, "price_override_forbidden").LimitCouponGuessing((CreateSubscriptionRequest body) => body.CouponCodes is { Count: > 0 });
        subscriptions.MapGet("/", async (
                [FromQuery(Name = "account_code")] string? accountCode,
                string? state,
                [FromQuery(Name = "plan_code")] string? planCode,
                int? limit,
                string? cursor,
                IMediator mediator,
                CancellationToken ct) =>
            (await mediator.Send(new PageSubscriptions(new PageRequest(limit, cursor), AccountCode: accountCode, State: state, PlanCode: planCode), ct)).ToOk())
            .WithName("ListSubscriptions").Refuses(StatusCodes.Status404NotFound, "account_not_found", "plan_not_found").WithSummary("Lists subscriptions, filtered by account, state and plan, a page at a time").Produces<Page<SubscriptionDto>>();
        subscriptions.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetSubscription(id), ct)).ToOk())
            .WithName("GetSubscription").WithSummary("Reads a subscription by its id").Produces<SubscriptionDto>();
        subscriptions.MapPut("/{id}", async (string id, ChangeSubscriptionRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var command = body.ToCommand(id);
                return command.IsSuccess ? (await mediator.Send(command.Value, ct)).ToOk() : command.Error.ToProblem();
            })
            .WithName("ChangeSubscription").Refuses(StatusCodes.Status404NotFound, "coupon_not_found").Refuses(StatusCodes.Status422UnprocessableEntity, "price_override_subscription", "plan_archived", "coupon_expired", "redeem_by_passed", "max_redemptions_reached", "max_redemptions_per_account_reached", "currency_not_supported", "plan_not_eligible", "unique_code_required").Refuses(StatusCodes.Status404NotFound, "plan_not_found").Refuses(StatusCodes.Status422UnprocessableEntity, "interval_mismatch", "no_change", "subscription_not_active", "add_on_not_found").WithSummary("Changes a subscription's plan, quantity or coupon, now or at renewal").Produces<SubscriptionDto>().LimitCouponGuessing((ChangeSubscriptionRequest body) => !string.IsNullOrEmpty(body.CouponCode));
        subscriptions.MapPost("/{id}/cancel", async (string id, CancelSubscriptionRequest? body, IMediator mediator, CancellationToken ct) =>
            {
                var command = CancelSubscriptionRequest.ToCommand(id, body);
                return command.IsSuccess ? (await mediator.Send(command.Value, ct)).ToOk() : command.Error.ToProblem();
            })
            .WithName("CancelSubscription").Refuses(StatusCodes.Status422UnprocessableEntity, "subscription_not_active").WithSummary("Cancels a subscription now or at the end of its period").Produces<SubscriptionDto>();
        subscriptions.MapPost("/{id}/reactivate", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ReactivateSubscription(id), ct)).ToOk())
            .WithName("ReactivateSubscription").Refuses(StatusCodes.Status422UnprocessableEntity, "subscription_period_ended", "subscription_not_canceled").WithSummary("Undoes a cancel at period end before the period ends (S9)").Produces<SubscriptionDto>();
    }
}
