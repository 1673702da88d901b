using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Endpoints;

internal sealed class DisableWebhookEndpointHandler(WebhooksDbContext db, TimeProvider clock) : IRequestHandler<DisableWebhookEndpoint, Result<WebhookEndpointDto>>
{
    public Task<Result<WebhookEndpointDto>> Handle(DisableWebhookEndpoint request, CancellationToken cancellationToken) =>
        EndpointState.SetAsync(db, request.Id, WebhookEndpointState.Disabled, clock.GetUtcNow(), cancellationToken);
}
