using System.Globalization;
using System.Threading.RateLimiting;
using Billing.Host.Http;
using Billing.Payments.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Billing.Host.Checkout;

/// <summary>Configuration of the public checkout (<c>Billing:Checkout</c>).</summary>
internal sealed class CheckoutOptions
{
    /// <summary>
    /// K3: where a customer goes once the purchase is made, with <c>subscription_id</c> added to the query (or, for a
    /// one-time package, S7, <c>invoice_number</c>): the account / onboarding page. By default the checkout's own
    /// confirmation page.
    /// </summary>
    public string OnboardingUrl { get; set; } = "/checkout/done";

    /// <summary>Requests to the checkout pages one remote address may make per minute (a fixed window).</summary>
    public int RequestsPerMinute { get; set; } = 120;
}

/// <summary>
/// The seed-002 checkout (K1–K4): public Razor Pages under <c>/checkout</c>, without a token or cookie sign-in, with
/// their own rate limit per remote address, the code-guessing limit for coupon codes and antiforgery on every POST.
/// </summary>
internal static class CheckoutSetup
{
    public static void AddCheckout(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CheckoutOptions>(builder.Configuration.GetSection("Billing:Checkout"));
        builder.Services.AddSingleton<CheckoutRateLimit>();
        builder.Services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AllowAnonymousToFolder("/Checkout");
            options.Conventions.AddFolderApplicationModelConvention("/Checkout", model => model.Filters.Add(new ServiceFilterAttribute(typeof(CheckoutRateLimit))));
        });
    }

    public const string Path = "/checkout";

    /// <summary>My Account's way into the checkout with the session's account (<see cref="Pages.MyAccount.CheckoutModel"/>).</summary>
    public const string MyAccountPath = "/my-account/checkout";

    /// <summary>The address of <paramref name="page"/> (<see cref="Path"/> or <see cref="MyAccountPath"/>) for an offering, with the parameters given (the empty ones left out).</summary>
    public static string Url(string page, string? offeringId, string? currency, string? couponCode, string? showCouponField, string? accountToken) =>
        page + QueryString.Create(new Dictionary<string, string?>
        {
            ["offering_id"] = offeringId,
            ["currency"] = currency,
            ["coupon_code"] = couponCode,
            ["show_coupon_field"] = showCouponField,
            ["account_token"] = accountToken,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    /// <summary>
    /// The onboarding URL of a purchase (K3): the configured URL with the new subscription's <c>subscription_id</c> in
    /// its query, or a package's <c>invoice_number</c> (S7: a one-time charge makes no subscription).
    /// </summary>
    public static string OnboardingUrlFor(this CheckoutOptions options, PurchaseDto bought) =>
        options.OnboardingUrl + (options.OnboardingUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?")
        + (bought.SubscriptionId is { } subscriptionId
            ? "subscription_id=" + Uri.EscapeDataString(subscriptionId)
            : "invoice_number=" + bought.InvoiceNumber!.Value.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// The checkout's own rate limit: a fixed one-minute window of <see cref="CheckoutOptions.RequestsPerMinute"/>
/// requests per remote address; beyond it, 429 with <c>Retry-After</c>.
/// </summary>
internal sealed class CheckoutRateLimit(IOptions<CheckoutOptions> options) : IAsyncPageFilter, IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.Value.RequestsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        using var lease = limiter.AttemptAcquire(context.HttpContext);
        if (!lease.IsAcquired)
        {
            int seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests.",
                    Detail = $"Too many checkout requests from this address; retry in {seconds} s.",
                    Type = ProblemTypes.For(StatusCodes.Status429TooManyRequests),
                    Extensions = { ["code"] = "too_many_requests" },
                },
            });
            context.Result = new EmptyResult();
            return;
        }

        await next();
    }

    public void Dispose() => limiter.Dispose();
}
