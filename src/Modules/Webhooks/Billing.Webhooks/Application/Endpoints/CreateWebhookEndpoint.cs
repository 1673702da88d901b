using Billing.SharedKernel;
using Billing.Webhooks.Application.WebhookEvents;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using Billing.Webhooks.Infrastructure.Delivery;
using FluentValidation;
using MediatR;

namespace Billing.Webhooks.Application.Endpoints;

internal sealed class CreateWebhookEndpointValidator : AbstractValidator<CreateWebhookEndpoint>
{
    public const int MaxUrlLength = 2048;

    public CreateWebhookEndpointValidator()
    {
        RuleFor(c => c.Url)
            .NotEmpty().WithMessage("url is required.")
            .MaximumLength(MaxUrlLength).WithMessage($"url is at most {MaxUrlLength} characters.")
            .Must(BeAnHttpUrl).WithMessage("url is an absolute http or https URL without user information or fragment.");
        RuleFor(c => c.Events)
            .NotEmpty().WithMessage($"events lists the event types to receive, or \"{WebhookEndpoint.AllEvents}\" for all.");
        RuleForEach(c => c.Events)
            .Must(e => e == WebhookEndpoint.AllEvents || (e is not null && WebhookEventCatalog.Names.Contains(e)))
            .WithMessage($"is not an event type; the types are {string.Join(", ", WebhookEventCatalog.Names)} (or \"{WebhookEndpoint.AllEvents}\").");
        RuleFor(c => c.Description)
            .MaximumLength(500).WithMessage("description is at most 500 characters.");
    }

    private static bool BeAnHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.IsNullOrEmpty(uri.Fragment)
        && !string.IsNullOrEmpty(uri.Host);
}

/// <summary>
/// Checks the URL's addresses (a DNS look-up, outside any write transaction), then stores the endpoint with a new secret, encrypted
/// (<see cref="WebhookSecrets"/>); the secret itself is answered this once.
/// </summary>
internal sealed class CreateWebhookEndpointHandler(WebhooksDbContext db, WebhookAddressPolicy addresses, WebhookSecrets secrets, TimeProvider clock)
    : IRequestHandler<CreateWebhookEndpoint, Result<CreatedWebhookEndpointDto>>
{
    public async Task<Result<CreatedWebhookEndpointDto>> Handle(CreateWebhookEndpoint request, CancellationToken cancellationToken)
    {
        var uri = new Uri(request.Url!);
        var resolved = await WebhookAddressPolicy.ResolveAsync(uri.Host, cancellationToken);
        if (resolved.Length == 0)
        {
            return WebhookErrors.UrlUnresolvable(uri.Host);
        }

        if (!resolved.All(addresses.Allows))
        {
            return WebhookErrors.UrlNotAllowed(uri.Host);
        }

        string secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Id = Ids.New("we"),
            Url = uri.AbsoluteUri,
            Events = [.. request.Events!.Distinct(StringComparer.Ordinal)],
            Description = request.Description,
            Secret = secrets.Protect(secret),
            State = WebhookEndpointState.Enabled,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Endpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        var dto = endpoint.ToDto(endpoint.CreatedAt);
        return new CreatedWebhookEndpointDto(dto.Id, dto.Url, dto.Events, dto.Description, dto.State, dto.CreatedAt, secret);
    }
}
