using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using MediatR;

namespace Billing.Host.Endpoints;

/// <summary>The body of PUT /accounts/{code}/payment-method (P3); its text never shows the card number or the CVC.</summary>
internal sealed record PaymentMethodRequest(string? CardNumber, int? ExpMonth, int? ExpYear, string? Cvc)
{
    public override string ToString() => nameof(PaymentMethodRequest);
}

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
        accounts.MapGet("/{code}/credit-ledger", async (string code, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListCreditLedger(code), ct)).ToOk())
            .WithName("ListCreditLedger");

        var invoices = api.MapGroup("/invoices").WithTags("Payments").RequireAuthorization(Roles.BusinessPolicy);
        invoices.MapPost("/{number:long}/payments", async (long number, ExternalPaymentRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RecordExternalPayment(number, body.Amount, body.Reference), ct)).ToOk())
            .WithName("RecordExternalPayment").RequireAuthorization(Roles.AdminPolicy);
        invoices.MapPost("/{number:long}/refund", async (long number, RefundRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new RefundInvoice(number, body.Amount, body.To), ct)).ToOk())
            .WithName("RefundInvoice").RequireAuthorization(Roles.AdminPolicy);
        invoices.MapPost("/{number:long}/void", async (long number, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new VoidInvoice(number), ct)).ToOk())
            .WithName("VoidInvoice").RequireAuthorization(Roles.AdminPolicy);
        invoices.MapPost("/{number:long}/collect", async (long number, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new CollectInvoice(number, RetryNow: true), ct)).ToOk())
            .WithName("CollectInvoice").RequireAuthorization(Roles.AdminPolicy);
        invoices.MapGet("/{number:long}/transactions", async (long number, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListInvoiceTransactions(number), ct)).ToOk())
            .WithName("ListInvoiceTransactions");
    }
}
