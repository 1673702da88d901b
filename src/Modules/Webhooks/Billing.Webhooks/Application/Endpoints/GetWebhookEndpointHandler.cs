using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Endpoints;

internal sealed class GetWebhookEndpointHandler(WebhooksDbContext db, TimeProvider clock) : IRequestHandler<GetWebhookEndpoint, Result<WebhookEndpointDto>>
{
    public async Task<Result<WebhookEndpointDto>> Handle(GetWebhookEndpoint request, CancellationToken cancellationToken) =>
        await db.Endpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.Id, cancellationToken) is { } endpoint
            ? endpoint.ToDto(clock.GetUtcNow())
            : WebhookMapping.EndpointNotFound(request.Id);
}
