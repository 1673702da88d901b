using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Accounts;

internal sealed class UpdateAccountValidator : AbstractValidator<UpdateAccount>
{
    public UpdateAccountValidator()
    {
        RuleFor(a => a.Email.Value).NotEmpty().AccountEmail()
            .OverridePropertyName("email").When(a => a.Email.IsSpecified);
        RuleFor(a => a.Country.Value).AccountCountry()
            .OverridePropertyName("country").When(a => a.Country.IsSpecified);
        RuleFor(a => a.TaxRate.Value)
            .NotNull().WithMessage("tax_rate is a percentage from 0 to 100 (S2); it cannot be cleared.")
            .InclusiveBetween(0m, 100m).WithMessage("tax_rate is a percentage from 0 to 100 (S2).")
            .Must(r => r is null || decimal.Round(r.Value, 4) == r.Value).WithMessage("tax_rate has at most 4 decimals.")
            .OverridePropertyName("tax_rate").When(a => a.TaxRate.IsSpecified);
        RuleFor(a => a.CollectionMethod.Value)
            .Must(m => Wire<CollectionMethod>.TryParse(m, out _)).WithMessage("collection_method must be automatic or manual (P2).")
            .OverridePropertyName("collection_method").When(a => a.CollectionMethod.IsSpecified);
    }
}

internal sealed class UpdateAccountHandler(SubscriptionsDbContext db) : IRequestHandler<UpdateAccount, Result<AccountDto>>
{
    public async Task<Result<AccountDto>> Handle(UpdateAccount request, CancellationToken cancellationToken)
    {
        if (await db.Accounts.FirstOrDefaultAsync(a => a.Code == request.AccountCode, cancellationToken) is not { } account)
        {
            return SubscriptionErrors.AccountNotFound(request.AccountCode);
        }

        account.Update(
            request.Email.Or(account.Email)!,
            request.Country.Or(account.Country)!,
            request.TaxRate.Or(account.TaxRate)!.Value,
            request.CollectionMethod.IsSpecified ? Wire<CollectionMethod>.Parse(request.CollectionMethod.Value!) : account.CollectionMethod);
        await db.SaveChangesAsync(cancellationToken);
        return account.ToDto();
    }
}
