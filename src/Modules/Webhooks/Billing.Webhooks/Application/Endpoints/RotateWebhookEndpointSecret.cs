using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Endpoints;

internal sealed class RotateWebhookEndpointSecretValidator : AbstractValidator<RotateWebhookEndpointSecret>
{
    public const int MaxOverlapHours = 72;

    public RotateWebhookEndpointSecretValidator() =>
        RuleFor(c => c.ExpiresInHours)
            .InclusiveBetween(0, MaxOverlapHours).WithMessage($"expires_in_hours is from 0 to {MaxOverlapHours}.")
            .When(c => c.ExpiresInHours is not null);
}

/// <summary>
/// Stripe's "roll secret": a new secret replaces the endpoint's, both stored encrypted (<see cref="WebhookSecrets"/>);
/// the replaced one keeps signing for the overlap (24 hours by default), read from the clock.
/// </summary>
internal sealed class RotateWebhookEndpointSecretHandler(WebhooksDbContext db, WebhookSecrets secrets, TimeProvider clock)
    : IRequestHandler<RotateWebhookEndpointSecret, Result<RotatedWebhookSecretDto>>
{
    public const int DefaultOverlapHours = 24;

    public async Task<Result<RotatedWebhookSecretDto>> Handle(RotateWebhookEndpointSecret request, CancellationToken cancellationToken)
    {
        if (await db.Endpoints.FirstOrDefaultAsync(e => e.Id == request.Id, cancellationToken) is not { } endpoint)
        {
            return WebhookMapping.EndpointNotFound(request.Id);
        }

        int hours = request.ExpiresInHours ?? DefaultOverlapHours;
        DateTimeOffset? replacedUntil = hours == 0 ? null : clock.GetUtcNow().AddHours(hours);
        string secret = WebhookSignature.NewSecret();
        endpoint.RotateSecret(secrets.Protect(secret), secrets.Protect(secrets.Reveal(endpoint.Secret)), replacedUntil);
        await db.SaveChangesAsync(cancellationToken);
        return new RotatedWebhookSecretDto(endpoint.Id, secret, endpoint.PreviousSecretExpiresAt);
    }
}
