using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.SharedKernel;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Application.Collection;

internal sealed class RecordExternalPaymentValidator : AbstractValidator<RecordExternalPayment>
{
    public RecordExternalPaymentValidator()
    {
        RuleFor(p => p.Amount).NotNull().WithMessage("amount is required.").GreaterThan(0m).WithMessage("amount must be positive.");
        RuleFor(p => p.Reference)
            .NotEmpty().WithMessage("reference is required: the partner's or the bank's reference of the payment.")
            .MaximumLength(255).WithMessage("reference must be at most 255 characters.");
    }
}

/// <summary>
/// P2 + S4: a payment made outside Billing settles an open or past-due invoice — the amount due exactly, never a
/// paid, failed, voided or currently charged invoice — as one guarded change of its collection row, a transaction
/// row and the invoice's payment, in one transaction.
/// </summary>
internal sealed class RecordExternalPaymentHandler(PaymentsDbContext db, Collector collector, IMediator mediator, TimeProvider clock)
    : IRequestHandler<RecordExternalPayment, Result<InvoiceDto>>
{
    public async Task<Result<InvoiceDto>> Handle(RecordExternalPayment request, CancellationToken cancellationToken)
    {
        var ensured = await collector.EnsureAsync(request.InvoiceNumber, cancellationToken);
        if (!ensured.IsSuccess)
        {
            return ensured.Error;
        }

        var collection = ensured.Value;
        var currency = Currency.Of(collection.Currency);
        if (!Money.TryFromMajor(request.Amount!.Value, currency, out var amount))
        {
            return Error.Validation("amount", $"amount has more decimals than {currency.Code} allows.");
        }

        if (amount.Minor != collection.AmountDue && collection.IsAwaitingPayment)
        {
            return PaymentErrors.PaymentAmountMismatch(collection.InvoiceNumber, new Money(collection.AmountDue, currency).Format());
        }

        var now = clock.GetUtcNow();
        int settled = await db.Collections
            .Where(c => c.InvoiceNumber == collection.InvoiceNumber)
            .Where(Domain.Collection.AwaitingPayment)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.State, CollectionState.Paid).SetProperty(c => c.NextAttemptAt, (DateTimeOffset?)null).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (settled == 0)
        {
            return collection.State == CollectionState.Collecting
                ? PaymentErrors.BeingCollected(collection.InvoiceNumber)
                : PaymentErrors.NotPayable(collection.InvoiceNumber, Wire<CollectionState>.Name(collection.State));
        }

        db.Transactions.Add(new PaymentTransaction
        {
            Id = Ids.New("txn"),
            InvoiceNumber = collection.InvoiceNumber,
            AccountCode = collection.AccountCode,
            Kind = TransactionKind.External,
            Amount = amount.Minor,
            Currency = collection.Currency,
            Outcome = TransactionOutcome.Succeeded,
            IdempotencyKey = Ids.New("ext"),
            Reference = request.Reference,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return await mediator.Send(new RecordInvoicePayment(collection.InvoiceNumber, amount.Minor, InvoicePaymentMethod.External, request.Reference), cancellationToken);
    }
}
