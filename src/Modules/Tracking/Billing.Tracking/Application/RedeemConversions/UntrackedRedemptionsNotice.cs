using Microsoft.Extensions.Logging;

namespace Billing.Tracking.Application.RedeemConversions;

/// <summary>
/// T6: while the couponredeem conversion type does not exist, redemptions succeed and are not tracked. That is
/// said once per process, as a warning, rather than once per redemption.
/// </summary>
internal sealed class UntrackedRedemptionsNotice(ILogger<UntrackedRedemptionsNotice> logger)
{
    private int warned;

    public void RedemptionNotTracked(string redemptionId)
    {
        if (Interlocked.Exchange(ref warned, 1) == 0)
        {
            logger.LogWarning(
                "The conversion type 'couponredeem' does not exist, so coupon redemptions are not tracked (first one: {RedemptionId}). Create it to track the redemptions that follow (T1, T6).",
                redemptionId);
        }
    }
}
