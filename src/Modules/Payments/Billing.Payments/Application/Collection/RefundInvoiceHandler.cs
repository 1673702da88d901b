using System.Globalization;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.Payments.Infrastructure.Gateway;
using Billing.SharedKernel;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Application.Collection;

internal sealed class RefundInvoiceValidator : AbstractValidator<RefundInvoice>
{
    public RefundInvoiceValidator()
    {
        RuleFor(r => r.To)
            .NotEmpty().WithMessage("to is required: payment_method or credit.")
            .Must(to => Wire<RefundDestination>.TryParse(to, out _)).WithMessage("to is payment_method or credit.");
        RuleFor(r => r.Amount).GreaterThan(0m).WithMessage("amount must be positive; leave it out to refund everything that was paid.").When(r => r.Amount is not null);
    }
}

/// <summary>
/// P6: a refund is a credit note issued by Invoicing, whose guarded update of the invoice's refunded amount is the
/// limit (never more than was paid). To credit, that is all, in one transaction. To the card, a pending refund row with
/// its idempotency key commits with the credit note first — at most what the card's charge paid, less its earlier
/// refunds — then the gateway refunds with that key, and its answer is recorded; a refused one is sent again by the
/// dunning pass (<see cref="RefundRetries"/>).
/// </summary>
internal sealed class RefundInvoiceHandler(PaymentsDbContext db, IMediator mediator, IPaymentGateway gateway, TimeProvider clock)
    : IRequestHandler<RefundInvoice, Result<InvoiceDto>>
{
    public async Task<Result<InvoiceDto>> Handle(RefundInvoice request, CancellationToken cancellationToken)
    {
        var invoice = await mediator.Send(new GetInvoice(request.InvoiceNumber.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        if (!invoice.IsSuccess)
        {
            return invoice.Error;
        }

        var currency = Currency.Of(invoice.Value.Currency);
        decimal major = request.Amount ?? invoice.Value.AmountPaid + invoice.Value.CreditApplied - invoice.Value.AmountRefunded;
        if (!Money.TryFromMajor(major, currency, out var amount))
        {
            return Error.Validation("amount", $"amount has more decimals than {currency.Code} allows.");
        }

        if (request.To == Wire<RefundDestination>.Name(RefundDestination.Credit))
        {
            return await db.Session.InTransactionAsync(
                () => mediator.Send(new IssueCreditNote(request.InvoiceNumber, amount.Minor, RefundDestination.Credit), cancellationToken),
                result => result.IsSuccess);
        }

        PaymentTransaction? refund = null;
        string? chargeReference = null;
        var note = await db.Session.InTransactionAsync<Result<InvoiceDto>>(
            async () =>
            {
                var charge = await db.Transactions.AsNoTracking()
                    .FirstOrDefaultAsync(t => t.InvoiceNumber == request.InvoiceNumber && t.Kind == TransactionKind.Charge && t.Outcome == TransactionOutcome.Succeeded, cancellationToken);
                if (charge is null)
                {
                    return PaymentErrors.RefundNeedsACardPayment(request.InvoiceNumber);
                }

                var refunds = await db.Transactions.AsNoTracking()
                    .Where(t => t.InvoiceNumber == request.InvoiceNumber && t.Kind == TransactionKind.Refund && t.Outcome != TransactionOutcome.Failed)
                    .Select(t => t.Amount)
                    .ToListAsync(cancellationToken);
                if (amount.Minor > charge.Amount - refunds.Sum())
                {
                    return PaymentErrors.RefundExceedsCharge(new Money(charge.Amount - refunds.Sum(), currency).Format(), request.InvoiceNumber);
                }

                var issued = await mediator.Send(new IssueCreditNote(request.InvoiceNumber, amount.Minor, RefundDestination.PaymentMethod), cancellationToken);
                if (!issued.IsSuccess)
                {
                    return issued;
                }

                refund = new PaymentTransaction
                {
                    Id = Ids.New("txn"),
                    InvoiceNumber = request.InvoiceNumber,
                    AccountCode = charge.AccountCode,
                    Kind = TransactionKind.Refund,
                    Amount = amount.Minor,
                    Currency = charge.Currency,
                    Outcome = TransactionOutcome.Pending,
                    IdempotencyKey = $"ref_{issued.Value.Number}",
                    Reference = $"credit note {issued.Value.Number}",
                    CreatedAt = clock.GetUtcNow(),
                };
                chargeReference = charge.GatewayReference;
                db.Transactions.Add(refund);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return issued;
            },
            result => result.IsSuccess);
        if (!note.IsSuccess || refund is null)
        {
            return note;
        }

        // A refused refund stays owed: the dunning pass sends it again (RefundRetries).
        var refunded = await gateway.RefundAsync(chargeReference ?? string.Empty, amount, refund.IdempotencyKey, cancellationToken);
        await RefundRetries.RecordAsync(db, refund.Id, refunded, cancellationToken);
        return note;
    }
}
