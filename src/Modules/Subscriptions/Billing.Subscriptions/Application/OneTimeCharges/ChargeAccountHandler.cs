using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.OneTimeCharges;

internal sealed class ChargeAccountValidator : AbstractValidator<ChargeAccount>
{
    public ChargeAccountValidator()
    {
        RuleFor(c => c.Currency).Must(c => Currency.TryFind(c, out _)).WithMessage("currency must be a supported ISO 4217 code such as USD.");
        RuleFor(c => c.Amount)
            .Must((c, amount) => !Currency.TryFind(c.Currency, out var currency) || (amount > 0 && Money.TryFromMajor(amount!.Value, currency, out _)))
            .WithMessage(c => $"amount must be positive with at most the decimals of {c.Currency}.")
            .When(c => c.Amount is not null);
        RuleFor(c => c.Amount).NotNull().WithMessage("amount is required unless offering_code names a package with a price.").When(c => c.OfferingCode is null);
        RuleFor(c => c.Description).NotEmpty().WithMessage("description is required unless offering_code names a package.").MaximumLength(255).When(c => c.OfferingCode is null);
        RuleFor(c => c.Description).MaximumLength(255).Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
        RuleFor(c => c.OfferingCode).MaximumLength(50).Matches(Grammar.PlanCode).WithMessage("offering_code has only letters, digits and '-', '_', '+', '.'.");
    }
}

/// <summary>
/// S7: a one-time charge (e.g. an SMS package) invoiced at once on the account; discounted only by
/// account-level coupons valid for one-time charges, when the site allows it (C7).
/// </summary>
internal sealed class ChargeAccountHandler(SubscriptionsDbContext db, IMediator mediator) : IRequestHandler<ChargeAccount, Result<InvoiceDto>>
{
    public async Task<Result<InvoiceDto>> Handle(ChargeAccount request, CancellationToken cancellationToken)
    {
        var account = await db.AccountAsync(request.AccountCode, cancellationToken);
        if (account is null)
        {
            return SubscriptionErrors.AccountNotFound(request.AccountCode);
        }

        var currency = Currency.Of(request.Currency);
        long? amount = request.Amount is { } major && Money.TryFromMajor(major, currency, out var money) ? money.Minor : null;
        string? description = request.Description;
        if (request.OfferingCode is not null)
        {
            var package = await db.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.Code == request.OfferingCode, cancellationToken);
            if (package is null)
            {
                return SubscriptionErrors.PackageNotFound(request.OfferingCode);
            }

            if (amount is null && !package.Prices.ContainsKey(request.Currency))
            {
                return SubscriptionErrors.PackageCurrencyNotSupported(package.Code, request.Currency);
            }

            amount ??= package.Prices[request.Currency];
            description ??= package.Name;
        }

        return await mediator.Send(
            new GenerateInvoice(
                account.Code,
                null,
                null,
                request.Currency,
                null,
                null,
                account.TaxRate,
                false,
                [new ChargeLine(LineType.OneTime, request.OfferingCode ?? "charge", description!, 1, amount!.Value)]),
            cancellationToken);
    }
}
