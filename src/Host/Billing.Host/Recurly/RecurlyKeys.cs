using System.Security.Claims;
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

    /// <summary>
    /// The caller a presented key authenticates, or null; every key is compared in constant time. Each configured key is
    /// its own caller (<c>recurly-business-key-2</c>), so two integrators never share a guessing limit or an
    /// idempotency key's stored answer, as the bearer tokens do (issue 25).
    /// </summary>
    public ClaimsPrincipal? PrincipalOf(string presentedKey)
    {
        (string? role, int index) = BearerTokenHandler.Match(Encoding.UTF8.GetBytes(presentedKey), Admin, Business);
        return role is null
            ? null
            : new(new ClaimsIdentity(
                [new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, "recurly-" + role), new Claim(ClaimTypes.NameIdentifier, $"recurly-{role}-key-{index + 1}")],
                "RecurlyApiKey"));
    }

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
}

/// <summary>Endpoint metadata: the operation needs an admin key (the /api admin policy's equivalent).</summary>
internal sealed class RecurlyAdminOnly;
