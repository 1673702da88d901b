using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Host.Endpoints;

/// <summary>HTTP for the Invoicing module.</summary>
internal static class InvoiceEndpoints
{
    public static void MapInvoiceEndpoints(this IEndpointRouteBuilder api)
    {
        var invoices = api.MapGroup("/invoices").WithTags("Invoices").RequireAuthorization(Roles.BusinessPolicy);
        invoices.MapGet("/", async (
                [FromQuery(Name = "account_code")] string? accountCode,
                [FromQuery(Name = "subscription_id")] string? subscriptionId,
                string? state,
                string? currency,
                [FromQuery(Name = "created_from")] DateTimeOffset? createdFrom,
                [FromQuery(Name = "created_to")] DateTimeOffset? createdTo,
                int? limit,
                string? cursor,
                IMediator mediator,
                CancellationToken ct) =>
            (await mediator.Send(new PageInvoices(accountCode, subscriptionId, state, currency, createdFrom, createdTo, new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListInvoices");
        invoices.MapGet("/{number}", async (string number, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetInvoice(number), ct)).ToOk())
            .WithName("GetInvoice");
        invoices.MapGet("/{number}/text", async (string number, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RenderInvoiceText(number), ct)).ToText())
            .WithName("GetInvoiceText");
        invoices.MapPost("/preview", async (PreviewInvoice body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToOk())
            .WithName("PreviewInvoice").LimitCouponGuessing((PreviewInvoice body) => !string.IsNullOrEmpty(body.CouponCode));
    }
}
