using Billing.Host.Auth;
using Billing.Host.Clock;
using Billing.Host.Http;
using Billing.Host.Jobs;

namespace Billing.Host.Endpoints;

internal sealed record ClockDto(DateTimeOffset Now);

/// <summary>Bill runs on demand, and the test clock when it is enabled.</summary>
internal static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder api, bool testClockEnabled)
    {
        api.MapPost("/bill-runs", async (BillRunner billRunner, CancellationToken ct) => (await billRunner.RunAsync(ct)).ToOk())
            .WithName("RunBillRun").WithTags("Operations").RequireAuthorization(Roles.AdminPolicy);

        if (!testClockEnabled)
        {
            return;
        }

        var clock = api.MapGroup("/test-clock").WithTags("Test clock").RequireAuthorization(Roles.AdminPolicy);
        clock.MapGet("/", (TestClock testClock) => TypedResults.Ok(new ClockDto(testClock.GetUtcNow())))
            .WithName("GetTestClock");
        clock.MapPost("/", async (ClockDto body, TestClock testClock, CancellationToken ct) =>
            await testClock.TrySetAsync(body.Now, ct)
                ? Results.Ok(new ClockDto(testClock.GetUtcNow()))
                : SharedKernel.Error.Conflict("clock_backwards", $"The test clock is at {testClock.GetUtcNow():O}; time never moves backwards.").ToProblem())
            .WithName("SetTestClock");
    }
}
