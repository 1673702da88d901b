using Billing.Invoicing.Contracts;
using Billing.Payments.Application.Collection;
using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.Payments.Infrastructure.Gateway;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Application.PaymentMethods;

/// <summary>
/// P3: the card goes to the gateway (outside any write transaction) and only its token, brand, last four digits and
/// expiry are stored, replacing the account's previous method. P4: the account's open and past-due invoices are then
/// collected at once with the new method.
/// </summary>
internal sealed class SetPaymentMethodHandler(PaymentsDbContext db, IMediator mediator, IPaymentGateway gateway, Collector collector, TimeProvider clock)
    : IRequestHandler<SetPaymentMethod, Result<PaymentMethodDto>>
{
    public async Task<Result<PaymentMethodDto>> Handle(SetPaymentMethod request, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetAccount(request.AccountCode), cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error;
        }

        var now = clock.GetUtcNow();
        int month = request.ExpMonth!.Value, year = request.ExpYear!.Value;
        if (!Card.IsUnexpired(month, year, now))
        {
            return PaymentErrors.CardExpired;
        }

        var token = await gateway.TokenizeAsync(new CardDetails(Card.Digits(request.CardNumber), month, year, request.Cvc!), cancellationToken);
        var method = new PaymentMethod
        {
            AccountCode = request.AccountCode,
            Token = token.Token,
            Brand = token.Brand,
            Last4 = token.Last4,
            ExpMonth = month,
            ExpYear = year,
            CreatedAt = now,
        };
        await db.Session.InTransactionAsync(async () =>
        {
            await db.PaymentMethods.Where(m => m.AccountCode == request.AccountCode).ExecuteDeleteAsync(cancellationToken);
            db.PaymentMethods.Add(method);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        });

        await collector.CollectOpenInvoicesAsync(request.AccountCode, cancellationToken);

        return method.ToDto();
    }
}
