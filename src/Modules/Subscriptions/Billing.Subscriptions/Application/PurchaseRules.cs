using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using FluentValidation;

namespace Billing.Subscriptions.Application;

/// <summary>The rules a purchase's terms follow, for a signup and for its preview alike (S3).</summary>
internal static class PurchaseRules
{
    public const int MaxQuantity = 100_000;
    public const int MaxAddOns = 100;

    public static IRuleBuilderOptions<T, string> IsSupportedCurrency<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(c => Currency.TryFind(c, out _)).WithMessage("currency must be a supported ISO 4217 code such as USD.");

    public static IRuleBuilderOptions<T, int> IsQuantity<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, MaxQuantity).WithMessage($"quantity must be from 1 to {MaxQuantity}.");

    public static IRuleBuilderOptions<T, int?> IsQuantity<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, MaxQuantity).WithMessage($"quantity must be from 1 to {MaxQuantity}.");

    public static IRuleBuilderOptions<T, IReadOnlyList<AddOnQuantity>?> AreDistinctAddOns<T>(this IRuleBuilder<T, IReadOnlyList<AddOnQuantity>?> rule) =>
        rule.Must(a => a is null || (a.Count <= MaxAddOns && a.Select(x => x.Code).Distinct().Count() == a.Count))
            .WithMessage($"add_ons lists at most {MaxAddOns} add-ons, each once.");
}

/// <summary>One add-on of a purchase: a code and a quantity.</summary>
internal sealed class AddOnQuantityValidator : AbstractValidator<AddOnQuantity>
{
    public AddOnQuantityValidator()
    {
        RuleFor(a => a.Code).NotEmpty().MaximumLength(50).Matches(Grammar.PlanCode).WithMessage("an add-on code has only letters, digits and '-', '_', '+', '.'.");
        RuleFor(a => a.Quantity).InclusiveBetween(1, PurchaseRules.MaxQuantity);
    }
}
