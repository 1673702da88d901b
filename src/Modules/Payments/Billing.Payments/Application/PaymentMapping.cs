using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.SharedKernel;

namespace Billing.Payments.Application;

internal static class PaymentMapping
{
    public static PaymentMethodDto ToDto(this PaymentMethod method) =>
        new(method.AccountCode, method.Brand, method.Last4, method.ExpMonth, method.ExpYear, method.CreatedAt);

    public static PaymentTransactionDto ToDto(this PaymentTransaction transaction) => new(
        transaction.Id,
        transaction.InvoiceNumber,
        Wire<TransactionKind>.Name(transaction.Kind),
        new Money(transaction.Amount, Currency.Of(transaction.Currency)).ToMajor(),
        transaction.Currency,
        Wire<TransactionOutcome>.Name(transaction.Outcome),
        transaction.GatewayReference,
        transaction.DeclineCode,
        transaction.Reference,
        transaction.CreatedAt);
}
