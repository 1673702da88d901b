using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Invoicing.Contracts;
using MediatR;

namespace Billing.Host.Endpoints;

/// <summary>HTTP for the Invoicing module.</summary>
internal static class InvoiceEndpoints
{
    public static void MapInvoiceEndpoints(this IEndpointRouteBuilder api)
    {
        var invoices = api.MapGroup("/invoices").WithTags("Invoices").RequireAuthorization(Roles.BusinessPolicy);
        invoices.MapGet("/", async (string? account_code, string? subscription_id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListInvoices(account_code, subscription_id), ct)).ToOk())
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
