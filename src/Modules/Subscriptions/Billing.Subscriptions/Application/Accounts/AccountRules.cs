using Billing.SharedKernel;
using FluentValidation;

namespace Billing.Subscriptions.Application.Accounts;

/// <summary>S2: the rules an account's email and country follow wherever an account is created or changed.</summary>
internal static class AccountRules
{
    /// <summary>At most 254 characters, an address, no white space.</summary>
    public static IRuleBuilderOptions<T, string?> AccountEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(254).EmailAddress().Matches(@"^\S+\z").WithMessage("email must be an email address.");

    /// <summary>Required, and an assigned ISO 3166-1 alpha-2 code in capitals.</summary>
    public static IRuleBuilderOptions<T, string?> AccountCountry<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("country is required (S2).")
            .Must(c => Countries.TryNormalize(c, out var alpha2) && alpha2 == c)
            .WithMessage("country must be an assigned ISO 3166-1 alpha-2 code in capitals, such as US (S2).");
}
