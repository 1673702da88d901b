using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.ListRedemptions;

internal sealed class PageCouponRedemptionsValidator : AbstractValidator<PageCouponRedemptions>
{
    public PageCouponRedemptionsValidator() =>
        RuleFor(q => q.State).Must(s => Wire<RedemptionState>.TryParse(s, out _)).WithMessage("state must be active or inactive.")
            .When(q => q.State is not null);
}

/// <summary>A coupon's redemptions page by page on the (coupon_id, sequence) index: the last page costs what the first does.</summary>
internal sealed class PageCouponRedemptionsHandler(CouponsDbContext db) : IRequestHandler<PageCouponRedemptions, Result<Page<RedemptionDto>>>
{
    public async Task<Result<Page<RedemptionDto>>> Handle(PageCouponRedemptions request, CancellationToken cancellationToken)
    {
        if (!await db.Coupons.AnyAsync(c => c.Id == request.CouponId, cancellationToken))
        {
            return CouponErrors.NotFound(request.CouponId);
        }

        var redemptions = db.Redemptions.AsNoTracking().Where(r => r.CouponId == request.CouponId);
        if (request.State is not null)
        {
            var state = Wire<RedemptionState>.Parse(request.State);
            redemptions = redemptions.Where(r => r.State == state);
        }

        return await redemptions.ToPageAsync(request.Page, r => r.Sequence, r => r.ToDto(), newestFirst: false, cancellationToken);
    }
}
