using System.Globalization;
using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Host.Endpoints;

/// <summary>The body of PUT /accounts/{code}/payment-method (P3); its text never shows the card number or the CVC.</summary>
internal sealed record PaymentMethodRequest(string? CardNumber, int? ExpMonth, int? ExpYear, string? Cvc)
{
    public override string ToString() => nameof(PaymentMethodRequest);
}

internal sealed record CollectionMethodRequest(string? CollectionMethod);

internal sealed record ExternalPaymentRequest(decimal? Amount, string? Reference);

internal sealed record RefundRequest(decimal? Amount, string? To);

/// <summary>HTTP for payments: payment methods, collection, external payments and refunds, voids (P1–P6), and the credit ledger (P5).</summary>
internal static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this IEndpointRouteBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Payments").RequireAuthorization(Roles.BusinessPolicy);
        accounts.MapPut("/{code}/payment-method", async (string code, PaymentMethodRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new SetPaymentMethod(code, body.CardNumber, body.ExpMonth, body.ExpYear, body.Cvc), ct)).ToOk())
            .WithName("SetPaymentMethod");
        accounts.MapGet("/{code}/payment-method", async (string code, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetPaymentMethod(code), ct)).ToOk())
            .WithName("GetPaymentMethod");
        accounts.MapPut("/{code}/collection-method", async (string code, CollectionMethodRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new SetCollectionMethod(code, body.CollectionMethod), ct)).ToOk())
            .WithName("SetCollectionMethod");
        accounts.MapGet("/{code}/credit-ledger", async (string code, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListCreditLedger(code, new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListCreditLedger");

        var invoices = api.MapGroup("/invoices").WithTags("Payments").RequireAuthorization(Roles.BusinessPolicy);
        invoices.MapPost("/{number}/payments", async (string number, ExternalPaymentRequest body, IMediator mediator, CancellationToken ct) =>
            await ForInvoice(number, invoice => mediator.Send(new RecordExternalPayment(invoice, body.Amount, body.Reference), ct)))
            .WithName("RecordExternalPayment").RequireAuthorization(Roles.AdminPolicy);
        invoices.MapPost("/{number}/refund", async (string number, RefundRequest body, IMediator mediator, CancellationToken ct) =>
            await ForInvoice(number, invoice => mediator.Send(new RefundInvoice(invoice, body.Amount, body.To), ct)))
            .WithName("RefundInvoice").RequireAuthorization(Roles.AdminPolicy);
        invoices.MapPost("/{number}/void", async (string number, IMediator mediator, CancellationToken ct) =>
            await ForInvoice(number, invoice => mediator.Send(new VoidInvoice(invoice), ct)))
            .WithName("VoidInvoice").RequireAuthorization(Roles.AdminPolicy);
        invoices.MapPost("/{number}/collect", async (string number, IMediator mediator, CancellationToken ct) =>
            await ForInvoice(number, invoice => mediator.Send(new CollectInvoice(invoice, RetryNow: true), ct)))
            .WithName("CollectInvoice").RequireAuthorization(Roles.AdminPolicy);
        invoices.MapGet("/{number}/transactions", async (string number, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            await ForInvoice(number, invoice => mediator.Send(new ListInvoiceTransactions(invoice, new PageRequest(limit, cursor)), ct)))
            .WithName("ListInvoiceTransactions");
    }

    /// <summary>
    /// An invoice number from the path: any text that names no invoice (not a positive whole number) answers
    /// <c>invoice_not_found</c>, as <c>GET /invoices/{number}</c> does (issue 14).
    /// </summary>
    private static async Task<IResult> ForInvoice<T>(string number, Func<long, Task<Result<T>>> send) =>
        long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) && parsed > 0
            ? (await send(parsed)).ToOk()
            : Error.NotFound("invoice_not_found", $"No invoice has the number '{number}'.").ToProblem();
}
