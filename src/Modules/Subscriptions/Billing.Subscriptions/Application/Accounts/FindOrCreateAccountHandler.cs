using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;

namespace Billing.Subscriptions.Application.Accounts;

internal sealed class FindOrCreateAccountValidator : AbstractValidator<FindOrCreateAccount>
{
    public FindOrCreateAccountValidator()
    {
        RuleFor(a => a.Email).NotEmpty().WithMessage("email is required.").MaximumLength(254).EmailAddress().Matches(@"^\S+\z").WithMessage("email must be an email address.");
        RuleFor(a => a.Country)
            .NotEmpty().WithMessage("country is required (S2).")
            .Must(c => Countries.TryNormalize(c, out var alpha2) && alpha2 == c)
            .WithMessage("country must be an assigned ISO 3166-1 alpha-2 code in capitals, such as US (S2).");
    }
}

/// <summary>
/// K3/K4: the checkout's customer — found by email, else created. A command, so it runs in the write transaction
/// (the purchase's, when sent from it): two checkouts of one new email queue for the write lock and the second finds
/// the account the first created.
/// </summary>
internal sealed class FindOrCreateAccountHandler(SubscriptionsDbContext db, TimeProvider clock) : IRequestHandler<FindOrCreateAccount, Result<AccountDto>>
{
    public async Task<Result<AccountDto>> Handle(FindOrCreateAccount request, CancellationToken cancellationToken)
    {
        if (await AccountsByEmail.OldestAsync(db, request.Email, cancellationToken) is { } existing)
        {
            return existing.ToDto();
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
