using Microsoft.Extensions.Options;

namespace Billing.Host.Recurly;

/// <summary>
/// Recurly's wire conventions on the /recurly prefix only (RECURLY.md §3, §5.17): <c>Recurly-Version</c> on every
/// response, HTTP Basic with an API key as the user name (401 <c>unauthorized</c> without one, 403
/// <c>invalid_api_key</c> for an unknown one), the <c>Accept</c> version check (406), admin-only operations (403
/// <c>invalid_permissions</c>), and <c>Idempotency-Prior: true</c> on a replayed idempotent response. Runs after
/// authentication and before authorization and the idempotency middleware, which then see the key's principal.
/// </summary>
internal sealed class RecurlyWire(RequestDelegate next, IOptionsMonitor<RecurlyKeyOptions> keys)
{
    public const string Prefix = "/recurly";
    public const string Version = "v2021-02-25";
    private const string VendorType = "application/vnd.recurly.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        context.Response.OnStarting(() =>
        {
            context.Response.Headers["Recurly-Version"] = "recurly." + Version;
            if (context.Response.Headers.ContainsKey("Idempotent-Replayed"))
            {
                context.Response.Headers["Idempotency-Prior"] = "true";
            }

            return Task.CompletedTask;
        });

        string? key = RecurlyKeyOptions.KeyOf(context.Request.Headers.Authorization);
        if (key is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Recurly\"";
            await RecurlyErrors.WriteAsync(context, "unauthorized", "Authorization needs HTTP Basic with your API key as the user name.");
            return;
        }

        var caller = keys.CurrentValue.PrincipalOf(key);
        if (caller is null)
        {
            await RecurlyErrors.WriteAsync(context, "invalid_api_key", "The API key is not valid.");
            return;
        }

        if (VersionRefusal(context.Request.Headers.Accept.ToString()) is { } refusal)
        {
            await RecurlyErrors.WriteAsync(context, refusal.Type, refusal.Message);
            return;
        }

        if (!caller.IsInRole(Auth.Roles.Admin) && context.GetEndpoint()?.Metadata.GetMetadata<RecurlyAdminOnly>() is not null)
        {
            await RecurlyErrors.WriteAsync(context, "invalid_permissions", "This API key may not do this: the operation needs an admin key.");
            return;
        }

        context.User = caller;
        await next(context);
    }

    private static (string Type, string Message)? VersionRefusal(string accept)
    {
        string[] types = [.. accept.Split(',').Select(t => t.Split(';')[0].Trim())];
        if (types.Any(t => t == VendorType + Version || t == VendorType + Version + "+json"))
        {
            return null;
        }

        string acceptable = $"acceptable Accept headers: {VendorType}{Version}, {VendorType}{Version}+json";
        return types.Any(t => t.StartsWith(VendorType, StringComparison.Ordinal))
            ? ("unknown_api_version", $"The API version in '{accept}' is not supported; {acceptable}.")
            : ("invalid_api_version", $"The Accept header must name an API version; {acceptable}.");
    }
}
