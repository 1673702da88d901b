using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.WebhookEvents;

internal sealed class ListEventsValidator : AbstractValidator<ListEvents>
{
    public ListEventsValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, PageRequest.MaxLimit).WithMessage($"limit is from 1 to {PageRequest.MaxLimit}.");
}

/// <summary>The events after <c>after</c>, oldest first.</summary>
internal sealed class ListEventsHandler(WebhooksDbContext db) : IRequestHandler<ListEvents, Result<Page<WebhookEventDto>>>
{
    public async Task<Result<Page<WebhookEventDto>>> Handle(ListEvents request, CancellationToken cancellationToken)
    {
        var events = db.Events.AsNoTracking();
        if (request.After is { } after)
        {
            long? from = await events.Where(e => e.Id == after).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken);
            if (from is null)
            {
                return Error.Validation("after", $"No event has the id '{after}'.");
            }

            events = events.Where(e => e.Sequence > from);
        }

        int limit = request.Limit ?? PageRequest.DefaultLimit;
        var page = await events.OrderBy(e => e.Sequence).Take(limit + 1).ToListAsync(cancellationToken);
        bool hasMore = page.Count > limit;
        page = [.. page.Take(limit)];
        return new Page<WebhookEventDto>([.. page.Select(e => e.ToDto())], hasMore, page.Count > 0 ? page[^1].Id : request.After);
    }
}
