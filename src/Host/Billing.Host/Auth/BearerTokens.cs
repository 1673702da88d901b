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

    /// <summary>The development tokens of appsettings.Development.json must never open a production host.</summary>
    public static void RefuseDevelopmentTokensIn(IHostEnvironment environment, TokenOptions tokens)
    {
        string[] development = ["dev-admin-token", "dev-business-token"];
        if (environment.IsProduction() && tokens.AdminTokens.Concat(tokens.BusinessTokens).Intersect(development, StringComparer.Ordinal).Any())
        {
            throw new InvalidOperationException("The development tokens are configured in Production; set Auth:AdminTokens and Auth:BusinessTokens to secrets of your own.");
        }
    }
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
        string? role = Matches(presented, tokens.CurrentValue.AdminTokens) ? Roles.Admin
            : Matches(presented, tokens.CurrentValue.BusinessTokens) ? Roles.Business
            : null;
        if (role is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, role)], Roles.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Roles.Scheme)));
    }

    internal static bool Matches(byte[] presented, string[] configured)
    {
        bool match = false;
        foreach (string token in configured)
        {
            match |= !string.IsNullOrEmpty(token) && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(token));
        }

        return match;
    }
}
