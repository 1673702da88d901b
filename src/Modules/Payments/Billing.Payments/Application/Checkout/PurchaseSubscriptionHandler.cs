using Billing.Coupons.Contracts;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.Payments.Infrastructure.Gateway;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Billing.Payments.Application.Checkout;

/// <summary>
/// K3/K4: the checkout's purchase. The first invoice is priced by the preview engine (I7) for the proven account (its tax
/// and credit, P5), or for a new customer (no tax, no credit; an email an account has is refused); a free one (K3) is bought in one transaction without a card. A paid one (K4) is charged first, outside
/// any write transaction (as every charge, see <see cref="Collection.Collector"/>), and written only after the charge
/// succeeded: account, subscription and redemption (R6), the card's token (P3), the collection and the successful
/// transaction row, and the invoice paid — together, so the subscription exists only with its first invoice paid. If
/// that transaction is refused (the price changed meanwhile, a coupon's last redemption was taken), the charge is
/// refunded and nothing is left. The charge's idempotency key is the checkout's own, so if the host dies after the
/// gateway charged and before the write committed, the checkout sent again is answered that charge by the gateway
/// (P3: a repeated key moves no money twice) and writes the purchase. A one-time package (S7) shares all of it but
/// what is written for the offering (<see cref="BuyAsync"/>): its coupon redeemed on the account and the one-time
/// charge's invoice instead of the subscription.
/// </summary>
internal sealed class PurchaseSubscriptionHandler(PaymentsDbContext db, IMediator mediator, IPaymentGateway gateway, TimeProvider clock, ILogger<PurchaseSubscriptionHandler> logger)
    : IRequestHandler<PurchaseSubscription, Result<PurchaseDto>>
{
    /// <summary>The customer's card as the gateway keeps it, saved as the account's payment method for renewals (P3).</summary>
    private sealed record SavedCard(GatewayToken Token, int ExpMonth, int ExpYear);

    /// <summary>The gateway's successful charge of the first invoice: its idempotency key and reference.</summary>
    private sealed record Charge(string Key, string? Reference);

    /// <summary>What the purchase wrote for its offering: the subscription (none for a package) and the first invoice.</summary>
    private sealed record Bought(string? SubscriptionId, InvoiceDto Invoice);

    public async Task<Result<PurchaseDto>> Handle(PurchaseSubscription request, CancellationToken cancellationToken)
    {
        var (buyer, refused) = await CustomerAsync(request, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var preview = await mediator.Send(
            new PreviewInvoice(PlanCode: request.PlanCode, Currency: request.Currency, CouponCode: request.CouponCode, AccountCode: request.AccountCode, PackageCode: request.PackageCode),
            cancellationToken);
        if (!preview.IsSuccess)
        {
            return preview.Error;
        }

        var currency = Currency.Of(request.Currency);
        long due = Minor(preview.Value.AmountDue, currency);
        if (due > 0 && request.CardNumber is null)
        {
            return Error.Validation("card_number", "A card is required: the first invoice is not free (K4).");
        }

        SavedCard? card = null;
        if (request.CardNumber is not null)
        {
            int month = request.ExpMonth!.Value, year = request.ExpYear!.Value;
            if (!Card.IsUnexpired(month, year, clock.GetUtcNow()))
            {
                return PaymentErrors.CardExpired;
            }

            var token = await gateway.TokenizeAsync(new CardDetails(Card.Digits(request.CardNumber), month, year, request.Cvc!), cancellationToken);
            card = new SavedCard(token, month, year);
        }

        if (due == 0)
        {
            return await db.Session.InTransactionAsync(() => WriteAsync(request, buyer, 0, card, null, cancellationToken), r => r.IsSuccess);
        }

        var amount = new Money(due, currency);
        string key = "chk_" + request.CheckoutKey;
        var charged = await gateway.ChargeAsync(card!.Token.Token, amount, key, cancellationToken);
        if (charged.Outcome != GatewayOutcome.Succeeded)
        {
            logger.LogInformation("A checkout charge of {Amount} {Outcome} ({DeclineCode}); nothing was created.", amount, charged.Outcome, charged.DeclineCode);
            return PaymentErrors.PaymentDeclined(charged.DeclineCode);
        }

        var written = await db.Session.InTransactionAsync(
            () => WriteAsync(request, buyer, due, card, new Charge(key, charged.Reference), cancellationToken),
            r => r.IsSuccess);
        if (!written.IsSuccess)
        {
            logger.LogWarning("A checkout charge of {Amount} was refunded: the purchase was refused ({Code}).", amount, written.Error.Code);
            await gateway.RefundAsync(charged.Reference!, amount, key + "_refund", CancellationToken.None);
        }

        return written;
    }

    /// <param name="buyer">The proven account, as read before anything was charged; null for a new customer, created here.</param>
    private async Task<Result<PurchaseDto>> WriteAsync(PurchaseSubscription request, AccountDto? buyer, long due, SavedCard? card, Charge? charge, CancellationToken cancellationToken)
    {
        Result<AccountDto> account = buyer is not null ? buyer : await mediator.Send(new CreateCheckoutAccount(request.Email!, request.Country!), cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error;
        }

        string accountCode = account.Value.Code;
        var bought = await BuyAsync(request, accountCode, cancellationToken);
        if (!bought.IsSuccess)
        {
            return bought.Error;
        }

        var (subscriptionId, invoice) = bought.Value;
        var currency = Currency.Of(request.Currency);
        if (Minor(invoice.AmountDue, currency) != due)
        {
            return PaymentErrors.PriceChanged;
        }

        var now = clock.GetUtcNow();
        if (card is not null)
        {
            await db.PaymentMethods.Where(m => m.AccountCode == accountCode).ExecuteDeleteAsync(cancellationToken);
            db.PaymentMethods.Add(new PaymentMethod
            {
                AccountCode = accountCode,
                Token = card.Token.Token,
                Brand = card.Token.Brand,
                Last4 = card.Token.Last4,
                ExpMonth = card.ExpMonth,
                ExpYear = card.ExpYear,
                CreatedAt = now,
            });
        }

        if (charge is null)
        {
            await db.SaveChangesAsync(cancellationToken);
            return new PurchaseDto(subscriptionId, accountCode, invoice.Number, invoice.State, Charged: false);
        }

        long number = invoice.Number!.Value;
        db.Collections.Add(new Domain.Collection
        {
            InvoiceNumber = number,
            AccountCode = accountCode,
            SubscriptionId = subscriptionId,
            Currency = currency.Code,
            AmountDue = due,
            State = CollectionState.Paid,
            Attempts = 1,
            UpdatedAt = now,
        });
        db.Transactions.Add(new PaymentTransaction
        {
            Id = Ids.New("txn"),
            InvoiceNumber = number,
            AccountCode = accountCode,
            Kind = TransactionKind.Charge,
            Amount = due,
            Currency = currency.Code,
            Outcome = TransactionOutcome.Succeeded,
            IdempotencyKey = charge.Key,
            GatewayReference = charge.Reference,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var paid = await mediator.Send(new RecordInvoicePayment(number, due, InvoicePaymentMethod.Card, charge.Reference), cancellationToken);
        return paid.IsSuccess
            ? new PurchaseDto(subscriptionId, accountCode, number, paid.Value.State, Charged: true)
            : paid.Error;
    }

    /// <summary>
    /// The offering written on the account, in the purchase's transaction: a plan's subscription with its coupon redeemed
    /// and its first invoice (R6); or a package's coupon redeemed on the account — account-level, the only level a
    /// one-time charge has (C8) — and its one-time charge invoiced (S7), so that the invoice carries the discount the
    /// preview showed (C7), and a refused redemption rolls the whole purchase back.
    /// </summary>
    private async Task<Result<Bought>> BuyAsync(PurchaseSubscription request, string accountCode, CancellationToken cancellationToken)
    {
        if (request.PackageCode is not { } packageCode)
        {
            var subscription = await mediator.Send(
                new CreateSubscription(accountCode, request.PlanCode!, request.Currency, CouponCodes: request.CouponCode is null ? null : [request.CouponCode]),
                cancellationToken);
            return subscription.IsSuccess ? new Bought(subscription.Value.Id, subscription.Value.Invoice!) : subscription.Error;
        }

        if (request.CouponCode is not null)
        {
            var redeemed = await mediator.Send(new RedeemCoupon(accountCode, request.CouponCode, request.Currency, null), cancellationToken);
            if (!redeemed.IsSuccess)
            {
                return redeemed.Error;
            }
        }

        var charged = await mediator.Send(new ChargeAccount(accountCode, null, request.Currency, null, packageCode), cancellationToken);
        return charged.IsSuccess ? new Bought(null, charged.Value) : charged.Error;
    }

    /// <summary>
    /// Who buys, checked before anything is charged: the proven account, which must exist (answered, so the write
    /// does not read it again); or a new customer (no account answered), whose email no account may have (a typed
    /// email proves nothing: <see cref="CheckoutAccounts.Exists"/>). The write checks the new customer's email again,
    /// in its transaction.
    /// </summary>
    private async Task<(AccountDto? Buyer, Error? Refusal)> CustomerAsync(PurchaseSubscription request, CancellationToken cancellationToken)
    {
        if (request.AccountCode is { } code)
        {
            var account = await mediator.Send(new GetAccount(code), cancellationToken);
            return account.IsSuccess ? (account.Value, null) : (null, account.Error);
        }

        var existing = await mediator.Send(new FindAccountByEmail(request.Email!), cancellationToken);
        return (null, existing.IsSuccess ? CheckoutAccounts.Exists : null);
    }

    private static long Minor(decimal major, Currency currency) => Money.TryFromMajor(major, currency, out var money) ? money.Minor : 0;
}
