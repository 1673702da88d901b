namespace Billing.Payments.Domain;

/// <summary>P3: what may be said of a card number without keeping it: whether it is well formed, its brand, its last four digits.</summary>
internal static class Card
{
    /// <summary>12 to 19 digits (spaces allowed between groups) passing the Luhn check.</summary>
    public static bool IsWellFormed(string? number)
    {
        string digits = Digits(number);
        if (digits.Length is < 12 or > 19 || digits.Length != (number ?? string.Empty).Count(c => c != ' '))
        {
            return false;
        }

        int sum = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            int digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    public static string Digits(string? number) => new((number ?? string.Empty).Where(char.IsAsciiDigit).ToArray());

    public static string Brand(string digits) => digits switch
    {
        ['4', ..] => "visa",
        ['3', '4' or '7', ..] => "amex",
        ['5', >= '1' and <= '5', ..] => "mastercard",
        ['2', ..] => "mastercard",
        ['6', ..] => "discover",
        _ => "unknown",
    };

    /// <summary>Whether a card expiring at the end of <paramref name="month"/>/<paramref name="year"/> is still valid at <paramref name="now"/>.</summary>
    public static bool IsUnexpired(int month, int year, DateTimeOffset now) =>
        year > now.UtcDateTime.Year || (year == now.UtcDateTime.Year && month >= now.UtcDateTime.Month);
}
