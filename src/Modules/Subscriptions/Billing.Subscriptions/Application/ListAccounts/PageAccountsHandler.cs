using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.ListAccounts;

internal sealed class PageAccountsValidator : AbstractValidator<PageAccounts>
{
    public PageAccountsValidator()
    {
        RuleFor(q => q.Country)
            .Must(c => Countries.TryNormalize(c, out var alpha2) && alpha2 == c)
            .WithMessage("country must be an assigned ISO 3166-1 alpha-2 code in capitals, such as US.")
            .When(q => q.Country is not null);
        RuleFor(q => q.Email).NotEmpty().MaximumLength(254).WithMessage("email must be from 1 to 254 characters.").When(q => q.Email is not null);
        RuleFor(q => q.Page.Created).ValidCreatedRange();
    }
}

/// <summary>
/// Accounts page by page on the (created_at, code) index, or (country, created_at, code) with a country; the page's
/// window adds its created range (/api's half-open, Recurly's closed) and its keys (account codes, the primary key).
/// </summary>
internal sealed class PageAccountsHandler(SubscriptionsDbContext db) : IRequestHandler<PageAccounts, Result<Page<AccountDto>>>
{
    public Task<Result<Page<AccountDto>>> Handle(PageAccounts request, CancellationToken cancellationToken)
    {
        var accounts = db.Accounts.AsNoTracking();
        if (request.Country is { } country)
        {
            accounts = accounts.Where(a => a.Country == country);
        }

        if (request.Email is { } email)
        {
            string wanted = email.Trim().ToLowerInvariant();
            accounts = accounts.Where(a => a.Email.ToLower() == wanted);
        }

        return accounts.Created(request.Page, a => a.CreatedAt).Keyed(request.Page, a => a.Code).ToPageAsync(request.Page, a => a.CreatedAt, a => a.Code, a => a.ToDto(), cancellationToken);
    }
}
