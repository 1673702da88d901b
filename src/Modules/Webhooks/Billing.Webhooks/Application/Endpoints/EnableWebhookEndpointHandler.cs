using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Endpoints;

internal sealed class EnableWebhookEndpointHandler(WebhooksDbContext db, TimeProvider clock) : IRequestHandler<EnableWebhookEndpoint, Result<WebhookEndpointDto>>
{
    public Task<Result<WebhookEndpointDto>> Handle(EnableWebhookEndpoint request, CancellationToken cancellationToken) =>
        EndpointState.SetAsync(db, request.Id, WebhookEndpointState.Enabled, clock.GetUtcNow(), cancellationToken);
}
