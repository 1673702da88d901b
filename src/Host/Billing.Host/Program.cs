using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Outbox;
using Billing.BuildingBlocks.Persistence;
using Billing.Coupons;
using Billing.Host.Auth;
using Billing.Host.Clock;
using Billing.Host.Endpoints;
using Billing.Host.Http;
using Billing.Host.Jobs;
using Billing.Host.Recurly;
using Billing.Invoicing;
using Billing.Subscriptions;
using Billing.Tracking;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Quartz;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;
string dataDirectory = Path.GetFullPath(configuration["Billing:DataDirectory"] ?? "data");
bool testClockEnabled = configuration.GetValue<bool>("Billing:TestClock:Enabled");

// Modules behind MediatR, on the embedded SQLite database.
builder.Services
    .AddBillingMediation(dataDirectory)
    .AddCouponsModule()
    .AddSubscriptionsModule()
    .AddInvoicingModule()
    .AddTrackingModule();

// HTTP: snake_case JSON, strict about unknown fields; problem details for every error.
builder.Services.Configure<JsonOptions>(options =>
{
    options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    options.SerializerOptions.DictionaryKeyPolicy = null;
    options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    options.SerializerOptions.MaxDepth = 32;
});
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
builder.Services.Configure<GuessLimitOptions>(configuration.GetSection("Billing:Limits"));
builder.Services.Configure<OutboxOptions>(configuration.GetSection("Billing:Outbox"));
builder.Services.AddSingleton<CodeGuessingLimiter>();
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
TokenOptions.RefuseDevelopmentTokensIn(builder.Environment, configuration.GetSection("Auth").Get<TokenOptions>() ?? new TokenOptions());
builder.Services.AddAuthentication(Roles.Scheme)
    .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Roles.Scheme, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Roles.AdminPolicy, policy => policy.RequireRole(Roles.Admin))
    .AddPolicy(Roles.BusinessPolicy, policy => policy.RequireRole(Roles.Admin, Roles.Business));

builder.AddRecurlyApi();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks();

// Jobs: the bill run on a schedule (Quartz, persistent SQLite store unless configured in-memory).
builder.Services.AddSingleton<BillRunner>();
var billRunInterval = configuration.GetValue("Billing:Jobs:BillRunInterval", TimeSpan.FromMinutes(5));
bool persistentJobs = !string.Equals(configuration["Billing:Jobs:Store"], "memory", StringComparison.OrdinalIgnoreCase);
builder.AddQuartz(quartz =>
{
    quartz.UseTimeProvider(TimeProvider.System);
    if (persistentJobs)
    {
        quartz.UsePersistentStore(store =>
        {
            store.UseSqlite(new SqliteDatabase(dataDirectory, "quartz.db").ConnectionString);
            store.ProvisionSchema();
        });
    }
    else
    {
        quartz.UseInMemoryStore();
    }

    quartz.ScheduleJob<BillRunJob>(trigger => trigger
        .WithIdentity("bill-run")
        .StartAt(TimeProvider.System.GetUtcNow().Add(billRunInterval))
        .WithSimpleSchedule(billRunInterval));
});
builder.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);

// Time: one clock for every rule and job; the controllable test clock only when enabled. Registered after
// Quartz, whose UseTimeProvider registers the system clock: the last registration is the application's.
if (testClockEnabled)
{
    builder.Services.AddSingleton(new TestClock(TimeProvider.System));
    builder.Services.AddSingleton<TimeProvider>(provider => provider.GetRequiredService<TestClock>());
}
else
{
    builder.Services.AddSingleton(TimeProvider.System);
}

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    foreach (var migrator in scope.ServiceProvider.GetServices<IModuleMigrator>())
    {
        await migrator.MigrateAsync(CancellationToken.None);
    }
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestLimits>();
app.UseAuthentication();
app.UseMiddleware<RecurlyWire>();
app.UseAuthorization();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapOpenApi();
app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "Billing v1"));
app.MapHealthChecks("/health");

var api = app.MapGroup("/api");
api.MapCouponEndpoints();
api.MapSubscriptionEndpoints();
api.MapInvoiceEndpoints();
api.MapTrackingEndpoints();
api.MapOperationsEndpoints(testClockEnabled);
app.MapRecurlyApi();

await app.RunAsync();

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
