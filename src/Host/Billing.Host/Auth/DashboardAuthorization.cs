using System.Security.Claims;
using Billing.Host.Dashboard;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace Billing.Host.Auth;

/// <summary>
/// The Hangfire dashboard at <c>/hangfire</c> is the operator's: only an admin gets in, in every environment. The
/// caller is authenticated by ASP.NET Core's authentication on each of <see cref="Schemes"/> (the bearer
/// tokens and the operator dashboard's sign-in cookie). Hangfire answers 401 when no
/// scheme authenticated the caller and 403 when one did but the caller is not an admin. Anything but an admin sees
/// the dashboard read-only.
/// </summary>
internal sealed class DashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    /// <summary>The authentication schemes that may identify a dashboard user, tried in order.</summary>
    public static readonly string[] Schemes = [Roles.Scheme, DashboardSetup.CookieScheme];

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        ClaimsPrincipal? authenticated = null;
        foreach (string scheme in Schemes)
        {
            var result = await http.AuthenticateAsync(scheme);
            if (result.Succeeded)
            {
                authenticated = result.Principal;
                if (authenticated.IsInRole(Roles.Admin))
                {
                    break;
                }
            }
        }

        http.User = authenticated ?? new ClaimsPrincipal(new ClaimsIdentity());
        return http.User.IsInRole(Roles.Admin);
    }

    public static bool IsReadOnly(DashboardContext context) => !context.GetHttpContext().User.IsInRole(Roles.Admin);
}
