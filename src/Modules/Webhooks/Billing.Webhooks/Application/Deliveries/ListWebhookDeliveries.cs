using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Deliveries;

internal sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveries>
{
    public ListWebhookDeliveriesValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit).WithMessage($"limit is from 1 to {Paging.MaxLimit}.");
}

/// <summary>An endpoint's deliveries, newest first, each with all its attempts in order.</summary>
internal sealed class ListWebhookDeliveriesHandler(WebhooksDbContext db) : IRequestHandler<ListWebhookDeliveries, Result<WebhookPage<WebhookDeliveryDto>>>
{
    public async Task<Result<WebhookPage<WebhookDeliveryDto>>> Handle(ListWebhookDeliveries request, CancellationToken cancellationToken)
    {
        if (!await db.Endpoints.AnyAsync(e => e.Id == request.EndpointId, cancellationToken))
        {
            return WebhookMapping.EndpointNotFound(request.EndpointId);
        }

        var deliveries = db.Deliveries.AsNoTracking().Where(d => d.EndpointId == request.EndpointId);
        if (request.Cursor is { } cursor)
        {
            long? before = await deliveries.Where(d => d.Id == cursor).Select(d => (long?)d.Sequence).FirstOrDefaultAsync(cancellationToken);
            if (before is null)
            {
                return Error.Validation("cursor", $"'{cursor}' is not a delivery of this endpoint.");
            }

            deliveries = deliveries.Where(d => d.Sequence < before);
        }

        int limit = request.Limit ?? Paging.DefaultLimit;
        var page = await deliveries.OrderByDescending(d => d.Sequence).Take(limit + 1).ToListAsync(cancellationToken);
        bool hasMore = page.Count > limit;
        page = [.. page.Take(limit)];
        var ids = page.Select(d => d.Id).ToList();
        var attempts = (await db.Attempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return new WebhookPage<WebhookDeliveryDto>(
            [.. page.Select(d => d.ToDto(attempts[d.Id]))],
            hasMore,
            hasMore ? page[^1].Id : null);
    }
}
