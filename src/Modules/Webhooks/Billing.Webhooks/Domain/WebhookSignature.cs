using System.Security.Cryptography;
using System.Text;

namespace Billing.Webhooks.Domain;

/// <summary>
/// The <c>Billing-Signature</c> header, Stripe's scheme: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>, the HMAC keyed
/// with the endpoint's secret over <c>"&lt;t&gt;.&lt;raw body&gt;"</c>. A receiver recomputes it, compares in constant time and
/// refuses a timestamp older than its tolerance (5 minutes recommended), so that a captured post cannot be replayed later.
/// While a rotated secret overlaps the new one the header carries one <c>v1=</c> per secret, the new one first
/// (<c>t=…,v1=&lt;new&gt;,v1=&lt;old&gt;</c>), as Stripe's does: a receiver accepts the post when any <c>v1</c> matches.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "Billing-Signature";

    /// <summary>How every secret begins; a stored secret that begins so was stored before encryption (issue 16).</summary>
    public const string SecretPrefix = "whsec_";

    public static string Sign(IEnumerable<string> secrets, long timestamp, string body)
    {
        byte[] signed = Encoding.UTF8.GetBytes($"{timestamp}.{body}");
        return string.Join(',', secrets.Select(secret => $"v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}").Prepend($"t={timestamp}"));
    }

    /// <summary>A new secret: 32 random bytes, hex, prefixed <c>whsec_</c>.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
