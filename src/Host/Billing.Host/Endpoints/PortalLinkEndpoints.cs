using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Host.MyAccount;
using Billing.Subscriptions.Contracts;
using MediatR;

namespace Billing.Host.Endpoints;

/// <summary>A signed link that opens one account's My Account page until <c>expires_at</c> (K5).</summary>
internal sealed record PortalLinkDto(string AccountCode, string Url, DateTimeOffset ExpiresAt);

/// <summary>HTTP for My Account (K5): the links an admin or the business hands a customer.</summary>
internal static class PortalLinkEndpoints
{
    public static void MapPortalLinkEndpoints(this IEndpointRouteBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Roles.BusinessPolicy);
        accounts.MapPost("/{code}/portal-links", async (string code, HttpRequest request, PortalLinks links, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetAccount(code), ct)).Map(account =>
            {
                var (token, expiresAt) = links.Create(account.Code, LinkPurpose.MyAccount);
                return new PortalLinkDto(account.Code, $"{request.Scheme}://{request.Host}{MyAccountSetup.OpenPath}?token={token}", expiresAt);
            }).ToOk())
            .WithName("CreatePortalLink").WithSummary("Creates a signed link that opens the account's My Account page until expires_at (K5)").Produces<PortalLinkDto>();
    }
}
