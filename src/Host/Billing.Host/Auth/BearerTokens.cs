using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Billing.Host.Auth;

/// <summary>The two roles of API.md and their policies.</summary>
internal static class Roles
{
    public const string Admin = "admin";
    public const string Business = "business";
    public const string AdminPolicy = "admin";
    public const string BusinessPolicy = "business";
    public const string Scheme = "Bearer";
}

/// <summary>Bearer tokens per role, from configuration (<c>Auth:AdminTokens</c>, <c>Auth:BusinessTokens</c>).</summary>
internal sealed class TokenOptions
{
    public string[] AdminTokens { get; set; } = [];

    public string[] BusinessTokens { get; set; } = [];

    /// <summary>The tokens of appsettings.Development.json: they must never open a host outside Development.</summary>
    public static readonly string[] DevelopmentTokens = ["dev-admin-token", "dev-business-token"];

    public bool HasDevelopmentToken => AdminTokens.Concat(BusinessTokens).Intersect(DevelopmentTokens, StringComparer.Ordinal).Any();
}

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the configured tokens, comparing in
/// constant time so response timing does not reveal how much of a token was right. Tokens are never logged.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<TokenOptions> tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        byte[] presented = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        (string? role, int index) = Match(presented, tokens.CurrentValue.AdminTokens, tokens.CurrentValue.BusinessTokens);
        if (role is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not valid."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.NameIdentifier, Principals.TokenId(role, index))],
            Roles.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Roles.Scheme)));
    }

    /// <summary>The role and position of the configured secret (an admin one first) that matches, or (null, -1); every secret is compared.</summary>
    internal static (string? Role, int Index) Match(byte[] presented, string[] admin, string[] business)
    {
        int asAdmin = IndexOf(presented, admin);
        int asBusiness = IndexOf(presented, business);
        return asAdmin >= 0 ? (Roles.Admin, asAdmin) : asBusiness >= 0 ? (Roles.Business, asBusiness) : (null, -1);
    }

    /// <summary>The position of the configured token that matches, or -1; every token is compared, in constant time.</summary>
    private static int IndexOf(byte[] presented, string[] configured)
    {
        int found = -1;
        for (int i = 0; i < configured.Length; i++)
        {
            bool match = !string.IsNullOrEmpty(configured[i]) && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(configured[i]));
            found = match && found < 0 ? i : found;
        }

        return found;
    }
}

/// <summary>
/// Who a caller is, independent of how its request spelled its credentials: limits and idempotency keys are
/// partitioned by this id, never by the raw <c>Authorization</c> header (issue 25).
/// </summary>
internal static class Principals
{
    /// <summary>The id of the configured token at <paramref name="index"/> of <paramref name="role"/>'s list: it names no secret.</summary>
    public static string TokenId(string role, int index) => $"{role}-token-{index + 1}";

    /// <summary>The authenticated caller's stable id, or null for an anonymous caller.</summary>
    public static string? IdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name
            : null;
}
