using Quartz;

namespace Billing.Host.Jobs;

/// <summary>The scheduled bill run (Quartz); never two at once.</summary>
[DisallowConcurrentExecution]
internal sealed class BillRunJob(BillRunner billRunner, ILogger<BillRunJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await billRunner.RunAsync(cancellationToken);
        if (result.IsSuccess)
        {
            logger.LogInformation("Scheduled bill run: {Result}.", result.Value);
        }
        else
        {
            logger.LogError("Scheduled bill run failed: {Code} {Message}.", result.Error.Code, result.Error.Message);
        }
    }
}
