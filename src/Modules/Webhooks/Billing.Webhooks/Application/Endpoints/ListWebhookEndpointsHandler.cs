using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Endpoints;

internal sealed class ListWebhookEndpointsValidator : AbstractValidator<ListWebhookEndpoints>
{
    public ListWebhookEndpointsValidator() =>
        RuleFor(q => q.State).Must(s => Wire<WebhookEndpointState>.TryParse(s, out _)).WithMessage("state must be enabled or disabled.")
            .When(q => q.State is not null);
}

/// <summary>The endpoints page by page on the (created_at, id) index.</summary>
internal sealed class ListWebhookEndpointsHandler(WebhooksDbContext db, TimeProvider clock) : IRequestHandler<ListWebhookEndpoints, Result<Page<WebhookEndpointDto>>>
{
    public Task<Result<Page<WebhookEndpointDto>>> Handle(ListWebhookEndpoints request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var endpoints = db.Endpoints.AsNoTracking();
        if (request.State is not null)
        {
            var state = Wire<WebhookEndpointState>.Parse(request.State);
            endpoints = endpoints.Where(e => e.State == state);
        }

        return endpoints.ToPageAsync(request.Page, e => e.CreatedAt, e => e.Id, e => e.ToDto(now), cancellationToken);
    }
}
