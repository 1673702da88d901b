using Billing.Host.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Billing.Host.Http;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and Swagger UI (<c>/swagger</c>), issue 25: open in Development;
/// elsewhere served only when <c>Billing:OpenApi:Enabled</c> is true, and then to the admin role only.
/// </summary>
internal static class ApiDocuments
{
    public const string EnabledKey = "Billing:OpenApi:Enabled";

    public static void MapApiDocuments(this WebApplication app)
    {
        bool open = app.Environment.IsDevelopment();
        if (!open && !app.Configuration.GetValue<bool>(EnabledKey))
        {
            return;
        }

        var document = app.MapOpenApi();
        if (!open)
        {
            document.RequireAuthorization(Roles.AdminPolicy);
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), branch => branch.Use(RequireAdminAsync));
        }

        app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "Billing v1"));
    }

    private static async Task RequireAdminAsync(HttpContext context, RequestDelegate next)
    {
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(context.User, Roles.AdminPolicy)).Succeeded)
        {
            await next(context);
        }
        else if (context.User.Identity?.IsAuthenticated == true)
        {
            await context.ForbidAsync();
        }
        else
        {
            await context.ChallengeAsync();
        }
    }
}
