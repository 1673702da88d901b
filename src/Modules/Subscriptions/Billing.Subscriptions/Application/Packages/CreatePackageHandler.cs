using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Packages;

internal sealed class CreatePackageValidator : AbstractValidator<CreatePackage>
{
    public CreatePackageValidator()
    {
        RuleFor(p => p.Code).NotEmpty().MaximumLength(50).Matches(@"^[A-Za-z0-9_+.-]+\z").WithMessage("code may contain only letters, digits, '-', '_', '+' and '.'.");
        RuleFor(p => p.Name).NotEmpty().MaximumLength(255).Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
        RuleFor(p => p.Currencies).NotEmpty().WithMessage("currencies needs at least one price (S1).");
        RuleFor(p => p.Currencies)
            .Must(c => c!.Select(x => x.Currency).Distinct().Count() == c!.Count).WithMessage("currencies lists a currency twice.")
            .When(p => p.Currencies is not null);
        RuleForEach(p => p.Currencies).ChildRules(price =>
        {
            price.RuleFor(c => c.Currency).Must(c => Currency.TryFind(c, out _)).WithMessage(c => $"'{c.Currency}' is not a supported ISO 4217 currency.");
            price.RuleFor(c => c.UnitAmount)
                .Must((c, amount) => !Currency.TryFind(c.Currency, out var currency) || (amount > 0 && Money.TryFromMajor(amount, currency, out _)))
                .WithMessage(c => $"unit_amount must be positive with at most the decimals of {c.Currency}.");
        }).When(p => p.Currencies is not null);
    }
}

/// <summary>S1: a one-time package (e.g. an SMS bundle) with a price per currency.</summary>
internal sealed class CreatePackageHandler(SubscriptionsDbContext db, TimeProvider clock) : IRequestHandler<CreatePackage, Result<PackageDto>>
{
    public async Task<Result<PackageDto>> Handle(CreatePackage request, CancellationToken cancellationToken)
    {
        if (await db.Packages.AnyAsync(p => p.Code == request.Code, cancellationToken) || await db.Plans.AnyAsync(p => p.Code == request.Code, cancellationToken))
        {
            return SubscriptionErrors.OfferingCodeTaken(request.Code);
        }

        var package = new Package
        {
            Code = request.Code,
            Name = request.Name,
            Prices = request.Currencies.ToDictionary(c => c.Currency, c => Money.TryFromMajor(c.UnitAmount, Currency.Of(c.Currency), out var m) ? m.Minor : 0),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Packages.Add(package);
        await db.SaveChangesAsync(cancellationToken);
        return package.ToDto();
    }
}
