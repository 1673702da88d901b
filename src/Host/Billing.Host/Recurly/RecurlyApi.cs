namespace Billing.Host.Recurly;

/// <summary>
/// The Recurly-compatible API (v2021-02-25) under /recurly: the coupon-centred subset of RECURLY.md §4, translated
/// onto the same MediatR commands and queries as /api. Kept out of Billing's OpenAPI document: it is Recurly's API.
/// </summary>
internal static class RecurlyApi
{
    public static void AddRecurlyApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RecurlyKeyOptions>(builder.Configuration.GetSection(RecurlyKeyOptions.Section));
        RecurlyKeyOptions.RefuseDevelopmentKeysIn(builder.Environment, builder.Configuration.GetSection(RecurlyKeyOptions.Section).Get<RecurlyKeyOptions>() ?? new RecurlyKeyOptions());
    }

    public static void MapRecurlyApi(this IEndpointRouteBuilder app)
    {
        var recurly = app.MapGroup(RecurlyWire.Prefix).ExcludeFromDescription();
        recurly.MapRecurlyCoupons();
        recurly.MapRecurlyAccounts();
        recurly.MapRecurlyPlans();
        recurly.MapRecurlySubscriptions();
        recurly.MapRecurlyInvoices();
        recurly.MapFallback(() => RecurlyErrors.NotFound("No such Recurly API resource here."));
    }
}
