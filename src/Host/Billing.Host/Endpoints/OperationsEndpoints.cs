using Billing.Host.Auth;
using Billing.Host.Clock;
using Billing.Host.Http;
using Billing.Host.OpenApi;
using Billing.Host.Jobs;
using Billing.SharedKernel;

namespace Billing.Host.Endpoints;

internal sealed record ClockDto(DateTimeOffset Now);

/// <summary>Bill runs on demand, and the test clock when it is enabled.</summary>
internal static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder api, bool testClockEnabled)
    {
        api.MapPost("/bill-runs", async (BillRunner billRunner, CancellationToken ct) => (await billRunner.RunAsync(ct)).ToOk())
            .WithName("RunBillRun").WithSummary("Runs the renewals, expiries and dunning due now; answers the counts").Produces<BillRunResult>().WithTags("Operations").RequireAuthorization(Roles.AdminPolicy);

        if (!testClockEnabled)
        {
            return;
        }

        var clock = api.MapGroup("/test-clock").WithTags("Test clock").RequireAuthorization(Roles.AdminPolicy);
        clock.MapGet("/", (TestClock testClock) => TypedResults.Ok(new ClockDto(testClock.GetUtcNow())))
            .WithName("GetTestClock").WithSummary("Reads the test clock").Produces<ClockDto>();
        // Issue 14 item 1: the clock takes only instants of the accepted range, so no rule or job computes past
        // DateTimeOffset's limits (a clock at 9999-12-31 stalled the bill run and threw in period arithmetic).
        clock.MapPost("/", async (ClockDto body, TestClock testClock, CancellationToken ct) =>
            !InstantRange.Contains(body.Now) ? Error.Validation("now", InstantRange.InstantRule("now")).ToProblem()
            : await testClock.TrySetAsync(body.Now, ct) ? Results.Ok(new ClockDto(testClock.GetUtcNow()))
            : HostErrors.ClockBackwards(testClock.GetUtcNow()).ToProblem())
            .WithName("SetTestClock").WithSummary("Moves the test clock forward; time never moves backwards").Produces<ClockDto>().Refuses(StatusCodes.Status409Conflict, "clock_backwards");
    }
}
