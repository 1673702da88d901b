using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Host.OpenApi;
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
            {
                var filter = WireValues.ParseOptional<InvoiceState>(state, "state", "P1");
                return filter.IsSuccess
                    ? (await mediator.Send(new PageInvoices(new PageRequest(limit, cursor) { Created = CreatedRange.HalfOpen(createdFrom, createdTo) }, AccountCode: accountCode, SubscriptionId: subscriptionId, State: filter.Value, Currency: currency), ct)).ToOk()
                    : filter.Error.ToProblem();
            })
            .WithName("ListInvoices").Refuses(StatusCodes.Status404NotFound, "account_not_found", "subscription_not_found").WithSummary("Lists invoices, filtered by account, subscription, state, currency and creation time, a page at a time").Produces<Page<InvoiceDto>>();
        invoices.MapGet("/{number}", async (string number, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetInvoice(number), ct)).ToOk())
            .WithName("GetInvoice").WithSummary("Reads an invoice by its number").Produces<InvoiceDto>();
        invoices.MapGet("/{number}/text", async (string number, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RenderInvoiceText(number), ct)).ToText())
            .WithName("GetInvoiceText").WithSummary("Renders an invoice as plain text").Produces<string>(StatusCodes.Status200OK, "text/plain");
        invoices.MapPost("/preview", async (PreviewInvoice body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToOk())
            .WithName("PreviewInvoice").Refuses(StatusCodes.Status404NotFound, "subscription_not_found", "plan_not_found", "package_not_found", "account_not_found").Refuses(StatusCodes.Status422UnprocessableEntity, "subscription_not_active", "plan_archived", "add_on_not_found", "coupon_expired", "redeem_by_passed", "max_redemptions_reached", "max_redemptions_per_account_reached", "currency_not_supported", "plan_not_eligible", "package_not_eligible", "currency_not_billed", "unique_code_required").Refuses(StatusCodes.Status404NotFound, "coupon_not_found").WithSummary("Previews the invoice of a subscription, or of a plan or one-time package with a coupon, without saving it (I7)").WithDescription("Exactly one of subscription_id (its next invoice), plan_code (the first invoice of a would-be subscription) or package_code (the one-time invoice of a would-be package purchase, S7: a coupon discounts it only when it can discount a one-time charge, else package_not_eligible, C7), with currency for a purchase. With account_code the account's tax, credit and redemptions apply, and a coupon the account could not redeem is refused as its redemption would be.").Produces<InvoiceDto>().LimitCouponGuessing((PreviewInvoice body) => !string.IsNullOrEmpty(body.CouponCode));
    }
}
