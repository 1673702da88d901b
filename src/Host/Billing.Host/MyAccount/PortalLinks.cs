using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Billing.Host.MyAccount;

/// <summary>What a presented link turned out to be.</summary>
internal enum LinkCheck
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>What a token proves: the right to open My Account, or to buy at the checkout with the account (its credit and details).</summary>
internal enum LinkPurpose
{
    MyAccount,
    Checkout,
}

/// <summary>
/// K5: the signed, expiring links that open one account's My Account page, and the checkout tokens My Account hands
/// its session for buying with the account (K1, P5). A token is
/// <c>&lt;expires (Unix seconds)&gt;.&lt;account code, base64url&gt;.&lt;HMAC-SHA256, base64url&gt;</c>; the HMAC covers the
/// purpose's label, the expiry and the account code under <see cref="MyAccountOptions.Secret"/>, so a token can be
/// neither extended, nor moved to another account, nor used for the other purpose (a checkout URL, which may linger in
/// a browser's history, never opens My Account), and is compared in constant time. Expiry follows the host's clock.
/// </summary>
internal sealed class PortalLinks(IOptions<MyAccountOptions> options, TimeProvider clock)
{
    /// <summary>A token for <paramref name="accountCode"/> and when it stops being accepted for <paramref name="purpose"/>.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Create(string accountCode, LinkPurpose purpose)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((clock.GetUtcNow() + options.Value.LinkLifetime).ToUnixTimeSeconds());
        string expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        string account = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(accountCode));
        return ($"{expires}.{account}.{WebEncoders.Base64UrlEncode(Sign(purpose, expires, account))}", expiresAt);
    }

    /// <summary>Checks a presented token for <paramref name="purpose"/>: its signature first, then its expiry; <paramref name="accountCode"/> only for a valid one.</summary>
    public LinkCheck Check(string? token, LinkPurpose purpose, out string accountCode)
    {
        accountCode = string.Empty;
        string[] parts = (token ?? string.Empty).Split('.');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long expires)
            || !TryDecode(parts[2], out byte[] presented)
            || !CryptographicOperations.FixedTimeEquals(presented, Sign(purpose, parts[0], parts[1]))
            || !TryDecode(parts[1], out byte[] account))
        {
            return LinkCheck.Invalid;
        }

        if (clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return LinkCheck.Expired;
        }

        accountCode = Encoding.UTF8.GetString(account);
        return LinkCheck.Valid;
    }

    private byte[] Sign(LinkPurpose purpose, string expires, string account) =>
        HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(options.Value.Secret ?? throw new InvalidOperationException("Billing:MyAccount:Secret is not configured.")),
            Encoding.UTF8.GetBytes($"{Label(purpose)}|{expires}|{account}"));

    private static string Label(LinkPurpose purpose) => purpose switch
    {
        LinkPurpose.MyAccount => "billing.my-account.v1",
        LinkPurpose.Checkout => "billing.checkout.v1",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length is 0 or > 1024)
        {
            return false;
        }

        try
        {
            bytes = WebEncoders.Base64UrlDecode(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
