using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Accounts;

internal sealed class CreateAccountValidator : AbstractValidator<CreateAccount>
{
    public CreateAccountValidator()
    {
        RuleFor(a => a.Code)
            .NotEmpty().WithMessage("code is required.")
            .MaximumLength(50).WithMessage("code must be at most 50 characters.")
            .Matches(@"^[A-Za-z0-9_+.@-]+\z").WithMessage("code may contain only letters, digits and '-', '_', '+', '.', '@'.");
        RuleFor(a => a.Email).NotEmpty().AccountEmail();
        RuleFor(a => a.Country).AccountCountry();
        RuleFor(a => a.TaxRate)
            .InclusiveBetween(0m, 100m).WithMessage("tax_rate is a percentage from 0 to 100 (S2).")
            .Must(r => decimal.Round(r!.Value, 4) == r.Value).WithMessage("tax_rate has at most 4 decimals.")
            .When(a => a.TaxRate is not null);
        RuleFor(a => a.CollectionMethod)
            .Must(m => Wire<CollectionMethod>.TryParse(m, out _)).WithMessage("collection_method must be automatic or manual (P2).")
            .When(a => a.CollectionMethod is not null);
    }
}

internal sealed class CreateAccountHandler(SubscriptionsDbContext db, TimeProvider clock) : IRequestHandler<CreateAccount, Result<AccountDto>>
{
    public async Task<Result<AccountDto>> Handle(CreateAccount request, CancellationToken cancellationToken)
    {
        if (await db.Accounts.AnyAsync(a => a.Code == request.Code, cancellationToken))
        {
            return SubscriptionErrors.AccountCodeTaken(request.Code);
        }

        var account = new Account
        {
            Code = request.Code,
            Email = request.Email,
            Country = request.Country,
            TaxRate = request.TaxRate ?? 0m,
            CollectionMethod = request.CollectionMethod is null ? CollectionMethod.Automatic : Wire<CollectionMethod>.Parse(request.CollectionMethod),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account.ToDto() with { CreditBalances = [] };
    }
}
