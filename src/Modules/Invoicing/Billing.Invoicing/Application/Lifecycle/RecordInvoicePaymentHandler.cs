using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Invoicing.Application.Lifecycle;

/// <summary>P2: a payment of the whole amount due makes the invoice paid (<see cref="InvoicePaid"/>).</summary>
internal sealed class RecordInvoicePaymentHandler(InvoicingDbContext db, TimeProvider clock)
    : IRequestHandler<RecordInvoicePayment, Result<InvoiceDto>>
{
    public Task<Result<InvoiceDto>> Handle(RecordInvoicePayment request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return InvoiceLifecycle.ChangeAsync(
            db,
            request.InvoiceNumber,
            Invoice.Payable,
            Invoice.Paid,
            invoice => invoice.PaymentRefusal(request.AmountMinor),
            invoice => invoice.RecordPayment(Payment(request, now)),
            invoice => InvoiceLifecycle.PaidEvent(invoice, now),
            cancellationToken);
    }

    public static InvoicePayment Payment(RecordInvoicePayment request, DateTimeOffset now) =>
        new(Wire<InvoicePaymentMethod>.Name(request.Method), request.Reference, request.AmountMinor, now);
}
