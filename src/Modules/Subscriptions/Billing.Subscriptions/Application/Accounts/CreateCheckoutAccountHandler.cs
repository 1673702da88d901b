using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;

namespace Billing.Subscriptions.Application.Accounts;

internal sealed class CreateCheckoutAccountValidator : AbstractValidator<CreateCheckoutAccount>
{
    public CreateCheckoutAccountValidator()
    {
        RuleFor(a => a.Email).NotEmpty().WithMessage("email is required.").AccountEmail();
        RuleFor(a => a.Country).AccountCountry();
    }
}

/// <summary>
/// K3/K4: the account of a checkout's new customer. An email typed at a public page proves nothing, so an email that
/// an account already has is refused (<c>account_exists</c>) rather than buying with that account's credit, tax rate
/// or saved card. A command, so it runs in the write transaction (the purchase's, when sent from it): two checkouts of
/// one new email queue for the write lock (on PostgreSQL, for a lock on the email) and the second is refused, not added to the first's account.
/// </summary>
internal sealed class CreateCheckoutAccountHandler(SubscriptionsDbContext db, TimeProvider clock) : IRequestHandler<CreateCheckoutAccount, Result<AccountDto>>
{
    public async Task<Result<AccountDto>> Handle(CreateCheckoutAccount request, CancellationToken cancellationToken)
    {
        await db.LockCheckoutEmailAsync(request.Email, cancellationToken);
        if (await AccountsByEmail.OldestAsync(db, request.Email, cancellationToken) is not null)
        {
            return CheckoutAccounts.Exists;
        }

        var account = new Account
        {
            Code = Ids.New("acct"),
            Email = request.Email.Trim(),
            Country = request.Country,
            TaxRate = 0m,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return account.ToDto() with { CreditBalances = [] };
    }
}
