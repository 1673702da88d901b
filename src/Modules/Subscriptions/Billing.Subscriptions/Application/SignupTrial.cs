using Billing.Coupons.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Domain;
using MediatR;

namespace Billing.Subscriptions.Application;

/// <summary>The trial a new subscription starts with, for a signup and for its preview alike.</summary>
internal static class SignupTrial
{
    /// <summary>A free-trial coupon's trial (C4), else the plan's (S1); a code that names no coupon is refused as redemption would.</summary>
    public static async Task<Result<BillingInterval?>> OfAsync(IMediator mediator, Plan plan, IEnumerable<string> couponCodes, CancellationToken cancellationToken)
    {
        foreach (string code in couponCodes)
        {
            var coupon = await mediator.Send(new FindCouponByCode(code), cancellationToken);
            if (!coupon.IsSuccess)
            {
                return coupon.Error;
            }

            if (coupon.Value.Discount.Trial is { } trial)
            {
                return new BillingInterval(trial.Length, Wire<IntervalUnit>.Parse(trial.Unit));
            }
        }

        return plan.Trial;
    }
}
