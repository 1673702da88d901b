using Billing.Host.Http;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;

namespace Billing.Host.Recurly;

internal sealed record RecurlyPlanPricingIn(string? Currency, decimal? UnitAmount, decimal? SetupFee);

internal sealed record RecurlySetupPricingIn(string? Currency, decimal? UnitAmount);

internal sealed record RecurlyAddOnCreate(string? Code, string? Name, IReadOnlyList<RecurlySetupPricingIn>? Currencies, string? AddOnType, int? DefaultQuantity, bool? Optional);

/// <summary>Recurly's PlanCreate: intervals in days or months, per-currency prices, setup fees, inline add-ons.</summary>
internal sealed record RecurlyPlanCreate(
    string? Code,
    string? Name,
    IReadOnlyList<RecurlyPlanPricingIn>? Currencies,
    IReadOnlyList<RecurlySetupPricingIn>? SetupFees,
    IReadOnlyList<RecurlyAddOnCreate>? AddOns,
    string? IntervalUnit,
    int? IntervalLength,
    string? TrialUnit,
    int? TrialLength,
    bool? AutoRenew)
{
    public CreatePlan ToCommand() => new(
        Code ?? string.Empty,
        Name ?? string.Empty,
        new IntervalSpec(IntervalLength ?? 1, RecurlyPlans.BillingUnit(IntervalUnit ?? "months")),
        TrialLength is > 0 ? new IntervalSpec(TrialLength.Value, RecurlyPlans.BillingUnit(TrialUnit ?? "days")) : null,
        [.. (Currencies ?? []).Select(c => new PlanCurrencySpec(
            c.Currency ?? string.Empty,
            c.UnitAmount ?? 0m,
            c.SetupFee ?? SetupFees?.FirstOrDefault(f => f.Currency == c.Currency)?.UnitAmount ?? 0m))],
        AddOns?.Select(a => new AddOnSpec(a.Code ?? string.Empty, a.Name ?? string.Empty, [.. (a.Currencies ?? []).Select(p => new AddOnCurrencySpec(p.Currency ?? string.Empty, p.UnitAmount ?? 0m))])).ToList());
}

/// <summary>Plans and their add-ons in Recurly's shapes, over the Subscriptions module.</summary>
internal static class RecurlyPlans
{
    /// <summary>Recurly's interval units are days and months; Billing's are day, week, month and year (S1).</summary>
    public static string BillingUnit(string recurlyUnit) => recurlyUnit switch
    {
        "days" => "day",
        "months" => "month",
        _ => recurlyUnit,
    };

    /// <summary>A Billing interval in Recurly's two units: a week is 7 days, a year 12 months.</summary>
    public static (string Unit, int Length) RecurlyInterval(IntervalSpec interval) => interval.Unit switch
    {
        "week" => ("days", interval.Length * 7),
        "year" => ("months", interval.Length * 12),
        "day" => ("days", interval.Length),
        _ => ("months", interval.Length),
    };

    public static RecurlyPlan Render(PlanDto plan)
    {
        var (unit, length) = RecurlyInterval(plan.Interval);
        var trial = plan.Trial is { } t ? RecurlyInterval(t) : ("days", 0);
        return new RecurlyPlan(
            RecurlyIds.Encode(plan.Code),
            plan.Code,
            plan.Name,
            "active",
            [.. plan.Currencies.Select(c => new RecurlyPlanPricing(c.Currency, c.UnitAmount, c.SetupFee))],
            [.. plan.Currencies.Where(c => c.SetupFee > 0).Select(c => new RecurlySetupPricing(c.Currency, c.SetupFee))],
            unit,
            length,
            trial.Item1,
            trial.Item2,
            true,
            null,
            RecurlyJson.Utc(plan.CreatedAt),
            RecurlyJson.Utc(plan.CreatedAt),
            null);
    }

    public static RecurlyPlanMini Mini(PlanDto plan) => new(RecurlyIds.Encode(plan.Code), plan.Code, plan.Name);

    /// <summary>An add-on's id: the hex of plan code and add-on code (plan codes hold no <c>/</c>).</summary>
    public static string AddOnId(PlanDto plan, AddOnSpec addOn) => RecurlyIds.Encode(plan.Code + "/" + addOn.Code);

    public static RecurlyAddOn Render(PlanDto plan, AddOnSpec addOn) => new(
        AddOnId(plan, addOn),
        RecurlyIds.Encode(plan.Code),
        addOn.Code,
        addOn.Name,
        "active",
        "fixed",
        1,
        true,
        [.. addOn.Currencies.Select(c => new RecurlyAddOnPricing(c.Currency, c.UnitAmount))],
        RecurlyJson.Utc(plan.CreatedAt),
        RecurlyJson.Utc(plan.CreatedAt),
        null);

    public static async Task<Result<PlanDto>> FindAsync(IMediator mediator, string selector, CancellationToken ct) =>
        RecurlyIds.ByCodeOrId(selector) is { } code
            ? await mediator.Send(new GetPlan(code), ct)
            : HostErrors.PlanNotFoundById(selector);

    public static void MapRecurlyPlans(this IEndpointRouteBuilder recurly)
    {
        recurly.MapPost("/plans", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (body, refusal) = await RecurlyJson.ReadAsync<RecurlyPlanCreate>(request);
            return refusal ?? RecurlyJson.Created(await mediator.Send(body!.ToCommand(), ct), Render);
        }).WithMetadata(new RecurlyAdminOnly());

        recurly.MapMethods("/plans", ["GET", "HEAD"], (HttpContext http, IMediator mediator, CancellationToken ct) =>
            RecurlyPaging.PageAsync<PlanDto>(
                http,
                mediator,
                ["state"],
                query => query.Filter("state") is null or "active" ? page => new PagePlans(page) : null,
                RecurlyIds.ByCodeOrId,
                RecurlyListQuery.Each<PlanDto>(p => Render(p)),
                ct));

        recurly.MapGet("/plans/{plan}", async (string plan, IMediator mediator, CancellationToken ct) =>
            RecurlyJson.Ok(await FindAsync(mediator, plan, ct), Render));

        recurly.MapMethods("/plans/{plan}/add_ons", ["GET", "HEAD"], async (string plan, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var found = await FindAsync(mediator, plan, ct);
            return found.IsSuccess
                ? await RecurlyListing.ListAsync(
                    http,
                    ["state"],
                    _ => Task.FromResult(Result<IReadOnlyList<AddOnSpec>>.Success(found.Value.AddOns)),
                    (query, _) => query.Filter("state") is null or "active",
                    _ => found.Value.CreatedAt,
                    a => AddOnId(found.Value, a),
                    a => Render(found.Value, a))
                : RecurlyErrors.From(found.Error);
        });

        recurly.MapGet("/plans/{plan}/add_ons/{addOn}", async (string plan, string addOn, IMediator mediator, CancellationToken ct) =>
        {
            var found = await FindAsync(mediator, plan, ct);
            if (!found.IsSuccess)
            {
                return RecurlyErrors.From(found.Error);
            }

            string? key = addOn.StartsWith("code-", StringComparison.Ordinal) ? addOn["code-".Length..] : RecurlyIds.Decode(addOn)?.Split('/', 2) is [var p, var a] && p == found.Value.Code ? a : null;
            return found.Value.AddOns.FirstOrDefault(a => a.Code == key) is { } spec
                ? RecurlyJson.Ok(Render(found.Value, spec))
                : RecurlyErrors.NotFound($"Plan '{found.Value.Code}' has no add-on '{addOn}'.");
        });
    }
}
