using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Accounts;

internal sealed class FindAccountByEmailValidator : AbstractValidator<FindAccountByEmail>
{
    public FindAccountByEmailValidator() =>
        RuleFor(a => a.Email).NotEmpty().WithMessage("email is required.").MaximumLength(254).WithMessage("email must be at most 254 characters.");
}

internal sealed class FindAccountByEmailHandler(SubscriptionsDbContext db) : IRequestHandler<FindAccountByEmail, Result<AccountDto>>
{
    public async Task<Result<AccountDto>> Handle(FindAccountByEmail request, CancellationToken cancellationToken) =>
        await AccountsByEmail.OldestAsync(db, request.Email, cancellationToken) is { } account
            ? account.ToDto()
            : SubscriptionErrors.NoAccountWithEmail;
}

/// <summary>Accounts looked up by email, as a checkout knows its customer (S2): ignoring case, the oldest first.</summary>
internal static class AccountsByEmail
{
    public static Task<Account?> OldestAsync(SubscriptionsDbContext db, string email, CancellationToken cancellationToken)
    {
        string wanted = email.Trim().ToLowerInvariant();
        return db.Accounts.AsNoTracking()
            .Where(a => a.Email.ToLower() == wanted)
            .OrderBy(a => a.CreatedAt)
            .ThenBy(a => a.Code)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
