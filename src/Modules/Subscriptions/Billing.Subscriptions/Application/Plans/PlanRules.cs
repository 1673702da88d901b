using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using FluentValidation;

namespace Billing.Subscriptions.Application.Plans;

/// <summary>One price of a plan (S1): a supported currency, amounts within its decimals.</summary>
internal sealed class PlanCurrencyValidator : AbstractValidator<PlanCurrencySpec>
{
    public PlanCurrencyValidator()
    {
        RuleFor(c => c.Currency).Must(c => Currency.TryFind(c, out _)).WithMessage(c => $"'{c.Currency}' is not a supported ISO 4217 currency.");
        RuleFor(c => c.UnitAmount).Must((c, amount) => PlanRules.IsAmount(amount, c.Currency))
            .WithMessage(c => $"unit_amount must be zero or positive with at most the decimals of {c.Currency}.");
        RuleFor(c => c.SetupFee).Must((c, amount) => PlanRules.IsAmount(amount, c.Currency))
            .WithMessage(c => $"setup_fee must be zero or positive with at most the decimals of {c.Currency}.");
    }
}

/// <summary>One add-on of a plan (S1): a code, a name and its prices.</summary>
internal sealed class AddOnSpecValidator : AbstractValidator<AddOnSpec>
{
    public AddOnSpecValidator()
    {
        RuleFor(a => a.Code).NotEmpty().MaximumLength(50).Matches(@"^[A-Za-z0-9_+.-]+\z");
        RuleFor(a => a.Name).NotEmpty().MaximumLength(255).Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
        RuleFor(a => a.Currencies).NotEmpty();
        RuleForEach(a => a.Currencies).ChildRules(price =>
        {
            price.RuleFor(c => c.Currency).Must(c => Currency.TryFind(c, out _)).WithMessage(c => $"'{c.Currency}' is not a supported ISO 4217 currency.");
            price.RuleFor(c => c.UnitAmount).Must((c, amount) => PlanRules.IsAmount(amount, c.Currency))
                .WithMessage(c => $"unit_amount must be zero or positive with at most the decimals of {c.Currency}.");
        }).When(a => a.Currencies is not null);
    }
}

/// <summary>The rules of a plan's prices and add-ons (S1), for a new plan and for a change of one alike (issue 16).</summary>
internal static class PlanRules
{
    public static bool DistinctCurrencies(IReadOnlyList<PlanCurrencySpec>? prices) => prices is null || prices.Select(x => x.Currency).Distinct().Count() == prices.Count;

    public static bool DistinctCodes(IReadOnlyList<AddOnSpec>? addOns) => addOns is null || addOns.Select(x => x.Code).Distinct().Count() == addOns.Count;

    /// <summary>The validated prices in minor units, by currency.</summary>
    public static Dictionary<string, PlanPrice> ToPrices(IEnumerable<PlanCurrencySpec> currencies) =>
        currencies.ToDictionary(c => c.Currency, c => new PlanPrice(Minor(c.UnitAmount, c.Currency), Minor(c.SetupFee, c.Currency)));

    /// <summary>The validated add-ons with their prices in minor units.</summary>
    public static List<PlanAddOn> ToAddOns(IEnumerable<AddOnSpec> addOns) =>
        addOns.Select(a => new PlanAddOn(a.Code, a.Name, a.Currencies.ToDictionary(c => c.Currency, c => Minor(c.UnitAmount, c.Currency)))).ToList();

    public static bool IsAmount(decimal amount, string currency) =>
        !Currency.TryFind(currency, out var found) || (amount >= 0 && Money.TryFromMajor(amount, found, out _));

    private static long Minor(decimal amount, string currency) =>
        Money.TryFromMajor(amount, Currency.Of(currency), out var money) ? money.Minor : throw new ArgumentException("validated amount", nameof(amount));
}
