using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.BuildingBlocks.Clock;
using Billing.BuildingBlocks.DataProtection;
using Billing.BuildingBlocks.Idempotency;
using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Outbox;
using Billing.BuildingBlocks.Persistence;
using Billing.Coupons;
using Billing.Host.Auth;
using Billing.Host.Backups;
using Billing.Host.Checkout;
using Billing.Host.Clock;
using Billing.Host.Dashboard;
using Billing.Host.Endpoints;
using Billing.Host.Hosting;
using Billing.Host.Http;
using Billing.Host.Jobs;
using Billing.Host.MyAccount;
using Billing.Host.OpenApi;
using Billing.Host.Recurly;
using Billing.Invoicing;
using Billing.Payments;
using Billing.Subscriptions;
using Billing.Tracking;
using Billing.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;
string dataDirectory = Path.GetFullPath(configuration["Billing:DataDirectory"] ?? "data");
bool testClockEnabled = configuration.GetValue<bool>("Billing:TestClock:Enabled");

// Modules behind MediatR, on the embedded SQLite database or PostgreSQL (Billing:Database, issue 19).
var database = BillingDatabase.FromConfiguration(configuration.GetSection("Billing:Database"), dataDirectory);
builder.Services
    .AddBillingMediation(database)
    .AddCouponsModule()
    .AddSubscriptionsModule()
    .AddInvoicingModule()
    .AddTrackingModule()
    .AddPaymentsModule()
    .AddWebhooksModule();

// Secrets at rest (webhook signing secrets) and cookies: one Data Protection key ring for every host (issue 16).
builder.Services.AddBillingDataProtection(database, configuration["Billing:DataProtection:KeysDirectory"], dataDirectory);

// HTTP: snake_case JSON, strict about unknown fields; problem details for every error.
builder.Services.Configure<JsonOptions>(options =>
{
    options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    options.SerializerOptions.DictionaryKeyPolicy = null;
    options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    options.SerializerOptions.MaxDepth = 32;
    options.SerializerOptions.AllowDuplicateProperties = false;
});
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
    kestrel.Limits.MaxRequestLineSize = RequestLimits.KestrelHardLimitBytes;
    kestrel.Limits.MaxRequestHeadersTotalSize = RequestLimits.KestrelHardLimitBytes;
});
builder.Services.Configure<GuessLimitOptions>(configuration.GetSection("Billing:Limits"));
builder.Services.AddOptions<ExportOptions>().Bind(configuration.GetSection("Billing:Exports")).ValidateDataAnnotations().ValidateOnStart();
builder.Services.Configure<OutboxOptions>(configuration.GetSection("Billing:Outbox"));
builder.Services.Configure<IdempotencyOptions>(configuration.GetSection("Billing:Idempotency"));
// The guessing limit's windows run in real time, also while the test clock stands still.
builder.Services.AddSingleton(provider => new CodeGuessingLimiter(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<GuessLimitOptions>>(), TimeProvider.System));
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    int status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
    context.ProblemDetails.Extensions.TryAdd("code", ProblemTypes.DefaultCode(status));
    context.ProblemDetails.Type ??= ProblemTypes.For(status);
});
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();

// Auth: two bearer-token roles.
builder.Services.Configure<TokenOptions>(configuration.GetSection("Auth"));
EnvironmentGuards.Check(builder.Environment, configuration);
builder.Services.AddAuthentication(Roles.Scheme)
    .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Roles.Scheme, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Roles.AdminPolicy, policy => policy.RequireRole(Roles.Admin))
    .AddPolicy(Roles.BusinessPolicy, policy => policy.RequireRole(Roles.Admin, Roles.Business));

// The operator dashboard (D1–D4): Razor Pages under /dashboard, signed in with an auth cookie.
builder.AddDashboard();
builder.AddCheckout();
builder.AddMyAccount();

builder.AddRecurlyApi();
builder.Services.AddBillingOpenApi();
builder.Services.AddBillingHealthChecks();
builder.Services.AddDatabaseBackups(configuration);
// Graceful shutdown: on SIGTERM, in-flight requests and jobs get Billing:Host:ShutdownTimeout (30 s by default) to finish.
builder.Services.Configure<HostOptions>(configuration.GetSection("Billing:Host"));

// Jobs: the recurring renewals, expiries and housekeeping on Hangfire (Billing:Jobs:*), also run by POST /api/bill-runs.
builder.Services.AddBillingJobs(configuration);

// Time: one clock for every rule and job, to the microsecond; the controllable test clock only when enabled.
if (testClockEnabled)
{
    builder.Services.AddSingleton<TestClockStore>();
    builder.Services.AddSingleton(provider => new TestClock(new MicrosecondClock(TimeProvider.System), provider.GetRequiredService<TestClockStore>()));
    builder.Services.AddSingleton<TimeProvider>(provider => provider.GetRequiredService<TestClock>());
}
else
{
    builder.Services.AddSingleton<TimeProvider>(new MicrosecondClock(TimeProvider.System));
}

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    foreach (var migrator in scope.ServiceProvider.GetServices<IModuleMigrator>())
    {
        await migrator.MigrateAsync(CancellationToken.None);
    }
}

if (testClockEnabled)
{
    await app.Services.GetRequiredService<TestClock>().ResumeAsync(CancellationToken.None);
}

await app.Services.GetRequiredService<IdempotencyStore>().ReleaseUnfinishedAsync(CancellationToken.None);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseMiddleware<RequestLimits>();
app.UseAuthentication();
app.UseMiddleware<RecurlyWire>();
app.UseAuthorization();
app.UseMiddleware<QueryParameterRules>();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapApiDocuments();
app.MapBillingHealthChecks();
app.MapBillingJobs();

var api = app.MapGroup("/api");
api.MapCouponEndpoints();
api.MapSubscriptionEndpoints();
api.MapInvoiceEndpoints();
api.MapTrackingEndpoints();
api.MapPaymentEndpoints();
api.MapWebhookEndpoints();
api.MapOperationsEndpoints(testClockEnabled);
api.MapExportEndpoints();
api.MapPortalLinkEndpoints();
api.MapBackupEndpoints(dataDirectory);
api.MapCeilingEndpoints(configuration);
app.MapRazorPages();
app.MapRecurlyApi();

await app.RunAsync();

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
