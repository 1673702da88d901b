using System.Globalization;
using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Host.OpenApi;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
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
            .WithName("SetPaymentMethod").Refuses(StatusCodes.Status422UnprocessableEntity, "card_expired").WithSummary("Stores an account's card (P3); the answer never shows the number or the CVC").Produces<PaymentMethodDto>();
        accounts.MapGet("/{code}/payment-method", async (string code, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetPaymentMethod(code), ct)).ToOk())
            .WithName("GetPaymentMethod").Refuses(StatusCodes.Status404NotFound, "payment_method_not_found").WithSummary("Reads an account's card, masked").Produces<PaymentMethodDto>();
        accounts.MapPut("/{code}/collection-method", async (string code, CollectionMethodRequest body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new SetCollectionMethod(code, body.CollectionMethod), ct)).ToOk())
            .WithName("SetCollectionMethod").WithSummary("Sets how an account's invoices are collected: automatically from its card, or manually").Produces<AccountDto>();
        accounts.MapGet("/{code}/credit-ledger", async (string code, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListCreditLedger(code, new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListCreditLedger").WithSummary("Lists the entries of an account's credit ledger (P5), a page at a time").Produces<Page<CreditLedgerEntryDto>>();

        var invoices = api.MapGroup("/invoices").WithTags("Payments").RequireAuthorization(Roles.BusinessPolicy);
        invoices.MapPost("/{number}/payments", async (string number, ExternalPaymentRequest body, IMediator mediator, CancellationToken ct) =>
            await ForInvoice(number, invoice => mediator.Send(new RecordExternalPayment(invoice, body.Amount, body.Reference), ct)))
            .WithName("RecordExternalPayment").Refuses(StatusCodes.Status409Conflict, "invoice_being_collected").Refuses(StatusCodes.Status409Conflict, "invoice_not_payable").Refuses(StatusCodes.Status422UnprocessableEntity, "payment_amount_mismatch").WithSummary("Records a payment received outside the gateway for an invoice").Produces<InvoiceDto>().RequireAuthorization(Roles.AdminPolicy);
        invoices.MapPost("/{number}/refund", async (string number, RefundRequest body, IMediator mediator, CancellationToken ct) =>
            await ForInvoice(number, invoice => mediator.Send(new RefundInvoice(invoice, body.Amount, body.To), ct)))
            .WithName("RefundInvoice").Refuses(StatusCodes.Status409Conflict, "invoice_not_refundable").Refuses(StatusCodes.Status422UnprocessableEntity, "refund_exceeds_paid", "refund_needs_a_card_payment").WithSummary("Refunds a paid invoice, fully or in part, to the card or as credit").Produces<InvoiceDto>().RequireAuthorization(Roles.AdminPolicy);
        invoices.MapPost("/{number}/void", async (string number, IMediator mediator, CancellationToken ct) =>
            await ForInvoice(number, invoice => mediator.Send(new VoidInvoice(invoice), ct)))
            .WithName("VoidInvoice").Refuses(StatusCodes.Status409Conflict, "invoice_being_collected").Refuses(StatusCodes.Status409Conflict, "invoice_not_voidable").WithSummary("Voids an unpaid invoice").Produces<InvoiceDto>().RequireAuthorization(Roles.AdminPolicy);
        invoices.MapPost("/{number}/collect", async (string number, IMediator mediator, CancellationToken ct) =>
            await ForInvoice(number, invoice => mediator.Send(new CollectInvoice(invoice, RetryNow: true), ct)))
            .WithName("CollectInvoice").WithSummary("Collects an invoice from the account's card now").Produces<CollectionDto>().RequireAuthorization(Roles.AdminPolicy);
        invoices.MapGet("/{number}/transactions", async (string number, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            await ForInvoice(number, invoice => mediator.Send(new ListInvoiceTransactions(invoice, new PageRequest(limit, cursor)), ct)))
            .WithName("ListInvoiceTransactions").WithSummary("Lists an invoice's payment transactions, a page at a time").Produces<Page<PaymentTransactionDto>>();
    }

    /// <summary>
    /// An invoice number from the path: any text that names no invoice (not a positive whole number) answers
    /// <c>invoice_not_found</c>, as <c>GET /invoices/{number}</c> does (issue 14).
    /// </summary>
    private static async Task<IResult> ForInvoice<T>(string number, Func<long, Task<Result<T>>> send) =>
        long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) && parsed > 0
            ? (await send(parsed)).ToOk()
            : HostErrors.InvoiceNotFound(number).ToProblem();
}
