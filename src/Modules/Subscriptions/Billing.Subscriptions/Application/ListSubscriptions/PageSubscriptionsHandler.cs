using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.ListSubscriptions;

internal sealed class PageSubscriptionsValidator : AbstractValidator<PageSubscriptions>
{
    public PageSubscriptionsValidator()
    {
        RuleFor(q => q.State)
            .Must(s => Wire<SubscriptionState>.TryParse(s, out _))
            .WithMessage($"state must be one of {string.Join(", ", Wire<SubscriptionState>.All)}.")
            .When(q => q.State is not null);
        RuleForEach(q => q.AnyState)
            .Must(s => Wire<SubscriptionState>.TryParse(s, out _))
            .WithMessage($"state must be one of {string.Join(", ", Wire<SubscriptionState>.All)}.")
            .OverridePropertyName("state");
    }
}

/// <summary>
/// Subscriptions page by page on the (created_at, id) index, or (account_code, created_at, id) for one account, which
/// the page's created range seeks; its keys are subscription ids.
/// </summary>
internal sealed class PageSubscriptionsHandler(SubscriptionsDbContext db) : IRequestHandler<PageSubscriptions, Result<Page<SubscriptionDto>>>
{
    public async Task<Result<Page<SubscriptionDto>>> Handle(PageSubscriptions request, CancellationToken cancellationToken)
    {
        var subscriptions = db.Subscriptions.AsNoTracking();
        if (request.AccountCode is { } code)
        {
            if (await db.AccountAsync(code, cancellationToken) is null)
            {
                return SubscriptionErrors.AccountNotFound(code);
            }

            subscriptions = subscriptions.Where(s => s.AccountCode == code);
        }

        if (request.PlanCode is { } planCode)
        {
            if (!await db.Plans.AnyAsync(p => p.Code == planCode, cancellationToken))
            {
                return SubscriptionErrors.PlanNotFound(planCode);
            }

            subscriptions = subscriptions.Where(s => s.PlanCode == planCode);
        }

        if (request.State is { } stateName)
        {
            var state = Wire<SubscriptionState>.Parse(stateName);
            subscriptions = subscriptions.Where(s => s.State == state);
        }

        if (request.AnyState is { } anyState)
        {
            List<SubscriptionState> states = [.. anyState.Select(Wire<SubscriptionState>.Parse)];
            subscriptions = subscriptions.Where(s => states.Contains(s.State));
        }

        return await subscriptions.Created(request.Page, s => s.CreatedAt).Keyed(request.Page, s => s.Id).ToPageAsync(request.Page, s => s.CreatedAt, s => s.Id, s => s.ToDto(), cancellationToken);
    }
}
