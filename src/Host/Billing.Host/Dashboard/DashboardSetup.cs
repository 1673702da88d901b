using System.Security.Claims;
using System.Text;
using Billing.Host.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Billing.Host.Dashboard;

/// <summary>
/// The operator dashboard (D1–D4): Razor Pages under <c>/dashboard</c>, signed in with an admin or business token
/// that becomes an auth cookie carrying the same role claims as the bearer scheme. Business reads, admin changes.
/// </summary>
internal static class DashboardSetup
{
    /// <summary>The cookie scheme; named so that other dashboards of the host (Hangfire) can accept the same sign-in.</summary>
    public const string CookieScheme = "DashboardCookie";

    public const string ReadPolicy = "dashboard";

    public static void AddDashboard(this WebApplicationBuilder builder)
    {
        bool development = builder.Environment.IsDevelopment();
        builder.Services.AddAuthentication().AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = "billing.dashboard";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.Cookie.Path = "/";
            options.LoginPath = "/dashboard/sign-in";
            options.LogoutPath = "/dashboard/sign-out";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }

                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(Roles.Admin, Roles.Business));
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Dashboard", ReadPolicy);
            options.Conventions.AllowAnonymousToPage("/Dashboard/SignIn");
            options.Conventions.AddFolderApplicationModelConvention("/Dashboard", model => model.Filters.Add(new AdminChangesOnly()));
        });
    }

    /// <summary>The principal a dashboard token signs in as, or null for an unknown token (compared in constant time).</summary>
    public static ClaimsPrincipal? PrincipalFor(string token, TokenOptions tokens)
    {
        (string? role, int index) = BearerTokenHandler.Match(Encoding.UTF8.GetBytes(token.Trim()), tokens.AdminTokens, tokens.BusinessTokens);
        return role is null
            ? null
            : new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.NameIdentifier, Principals.TokenId(role, index))],
                CookieScheme));
    }

    public static IOptionsMonitor<TokenOptions> Tokens(this HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<TokenOptions>>();

    /// <summary>
    /// Business sees and cannot change: every POST of a dashboard page other than signing in and out is refused with 403
    /// unless the cookie is an admin's, whatever form sent it.
    /// </summary>
    private sealed class AdminChangesOnly : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context)
        {
        }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
            bool changes = !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method);
            string? page = context.ActionDescriptor.ViewEnginePath;
            if (changes && page is not "/Dashboard/SignIn" and not "/Dashboard/SignOut" && !context.HttpContext.User.IsInRole(Roles.Admin))
            {
                context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            }
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }
}
