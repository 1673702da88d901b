using Billing.SharedKernel;

namespace Billing.Host.Checkout;

/// <summary>How the checkout shows an amount of the API (major units): as the invoices do (<c>$20.00</c>, <c>¥1,500</c>, <c>KWD 1.250</c>, M1).</summary>
internal static class CheckoutMoney
{
    public static string Format(decimal major, string currency) =>
        Currency.TryFind(currency, out var known) && Money.TryFromMajor(major, known, out var money)
            ? money.Format()
            : $"{major} {currency}";
}
