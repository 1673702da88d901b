using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Billing.Host.MyAccount;

/// <summary>
/// The customer's My Account page (K5): Razor Pages under <c>/my-account</c>, opened through a signed link
/// (<see cref="PortalLinks"/>) that becomes an HttpOnly session cookie of its own scheme, scoped to one account. The
/// cookie carries no role and is sent only to <c>/my-account</c>: it never opens the API, the dashboard or Hangfire.
/// </summary>
internal static class MyAccountSetup
{
    public const string CookieScheme = "MyAccountCookie";

    public const string Policy = "my-account";

    /// <summary>The claim that names the one account a session may see.</summary>
    public const string AccountClaim = "billing:my-account";

    public const string OpenPath = "/my-account/open";

    public static void AddMyAccount(this WebApplicationBuilder builder)
    {
        bool development = builder.Environment.IsDevelopment();
        builder.Services.Configure<MyAccountOptions>(builder.Configuration.GetSection("Billing:MyAccount"));
        builder.Services.AddSingleton<PortalLinks>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<MyAccountOptions>>((options, myAccount) => options.ExpireTimeSpan = myAccount.Value.SessionLifetime);
        builder.Services.AddAuthentication().AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = "billing.my-account";
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: the link is opened from an e-mail (a cross-site navigation); every form still needs its antiforgery token.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.Cookie.Path = "/my-account";
            options.LoginPath = OpenPath;
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.Redirect(OpenPath);
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireClaim(AccountClaim));
        builder.Services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/MyAccount", Policy);
            options.Conventions.AllowAnonymousToPage("/MyAccount/Open");
            options.Conventions.AddFolderApplicationModelConvention("/MyAccount", model => model.Filters.Add(new PrivatePages()));
        });
    }

    /// <summary>The session of one account: it names no role, so no other part of the host accepts it.</summary>
    public static ClaimsPrincipal PrincipalFor(string accountCode) =>
        new(new ClaimsIdentity(
            [new Claim(AccountClaim, accountCode), new Claim(ClaimTypes.NameIdentifier, $"my-account:{accountCode}")],
            CookieScheme));

    /// <summary>The account of the signed-in session (the pages are authorized by <see cref="Policy"/>, which requires it).</summary>
    public static string AccountOf(ClaimsPrincipal user) =>
        user.FindFirstValue(AccountClaim) ?? throw new InvalidOperationException("The My Account session names no account.");

    /// <summary>A customer's data: never cached, never framed, and the link's token never leaves in a Referer header.</summary>
    private sealed class PrivatePages : IResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context)
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
        }

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }
    }
}
