using System.Globalization;
using System.Security.Claims;
using Billing.Coupons.Contracts;
using Billing.Host.Auth;
using Billing.SharedKernel;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Billing.Host.Dashboard;

/// <summary>How the dashboard pages show the API's data: labels and formats only, no rules.</summary>
internal static class Ui
{
    public const int PageSize = 20;

    public static string RoleOf(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) ? Roles.Admin : Roles.Business;

    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static string Money(decimal amount, string? currency) =>
        $"{amount.ToString("0.00##", CultureInfo.InvariantCulture)} {currency}".TrimEnd();

    /// <summary>An amount as a person reads it in its currency (M1): <c>$20.00</c>, <c>¥1,500</c>, <c>KWD 1.250</c>.</summary>
    public static string Price(decimal amount, string currency) =>
        SharedKernel.Currency.TryFind(currency, out var known) && SharedKernel.Money.TryFromMajor(amount, known, out var money) ? money.Format() : Money(amount, currency);

    public static string Instant(DateTimeOffset? instant) =>
        instant is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Discount(DiscountSpec discount) => discount.Type switch
    {
        "percent" => $"{discount.Percent}% off",
        "fixed" => string.Join(", ", (discount.Amounts ?? []).Select(a => Price(a.Amount, a.Currency))) + " off",
        "free_trial" => discount.Trial is { } trial ? $"free trial of {trial.Length} {trial.Unit}(s)" : "free trial",
        _ => discount.Type,
    };

    /// <summary>A card brand of the gateway (<c>visa</c>, <c>amex</c>, …) as printed on cards.</summary>
    public static string CardBrand(string brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        _ => "Card",
    };

    public static string Duration(DurationSpec duration) => Wire<DurationType>.TryParse(duration.Type, out var type) ? type switch
    {
        DurationType.Temporal => $"for {duration.Amount} {duration.Unit}(s)",
        DurationType.BillingPeriods => $"for {duration.Periods} billing period(s)",
        DurationType.SingleUse => "once",
        _ => duration.Type,
    } : duration.Type;

    /// <summary>The API's validation messages as model errors keyed by the API's field names (<c>discount.percent</c>).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, Error error)
    {
        if (error.Fields.Count == 0)
        {
            modelState.AddModelError(string.Empty, error.Message);
            return;
        }

        foreach (var (field, messages) in error.Fields)
        {
            foreach (string message in messages)
            {
                modelState.AddModelError(field, message);
            }
        }
    }

    public static IEnumerable<string> ErrorsFor(this ModelStateDictionary modelState, string field) =>
        modelState.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];
}
