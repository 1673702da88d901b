using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Billing.Host.Auth;

namespace Billing.Host.Recurly;

/// <summary>
/// API keys of the Recurly-compatible surface, per role (<c>Recurly:ApiKeys:Admin</c>, <c>Recurly:ApiKeys:Business</c>):
/// a Recurly client sends its key as the Basic user name with an empty password.
/// </summary>
internal sealed class RecurlyKeyOptions
{
    public const string Section = "Recurly:ApiKeys";

    public string[] Admin { get; set; } = [];

    public string[] Business { get; set; } = [];

    /// <summary>The development keys of appsettings.Development.json must never open a production host.</summary>
    public static void RefuseDevelopmentKeysIn(IHostEnvironment environment, RecurlyKeyOptions keys)
    {
        string[] development = ["dev-recurly-admin-key", "dev-recurly-business-key"];
        if (environment.IsProduction() && keys.Admin.Concat(keys.Business).Intersect(development, StringComparer.Ordinal).Any())
        {
            throw new InvalidOperationException($"The development Recurly API keys are configured in Production; set {Section}:Admin and {Section}:Business to secrets of your own.");
        }
    }

    /// <summary>The role of the key in an <c>Authorization: Basic</c> header, or null; compared in constant time.</summary>
    public string? RoleOf(string presentedKey)
    {
        byte[] presented = Encoding.UTF8.GetBytes(presentedKey);
        return Matches(presented, Admin) ? Roles.Admin : Matches(presented, Business) ? Roles.Business : null;
    }

    public static ClaimsPrincipal Principal(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, "recurly-" + role)], "RecurlyApiKey"));

    /// <summary>The key of a Basic header (the user name; the password is ignored, as Recurly does), or null.</summary>
    public static string? KeyOf(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            int colon = decoded.IndexOf(':', StringComparison.Ordinal);
            string key = colon < 0 ? decoded : decoded[..colon];
            return key.Length == 0 ? null : key;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Matches(byte[] presented, string[] configured)
    {
        bool match = false;
        foreach (string key in configured)
        {
            match |= !string.IsNullOrEmpty(key) && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key));
        }

        return match;
    }
}

/// <summary>Endpoint metadata: the operation needs an admin key (the /api admin policy's equivalent).</summary>
internal sealed class RecurlyAdminOnly;
