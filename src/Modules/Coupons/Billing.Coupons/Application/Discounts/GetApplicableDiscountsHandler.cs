using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Discounts;

internal sealed class GetApplicableDiscountsHandler(CouponsDbContext db) : IRequestHandler<GetApplicableDiscounts, Result<ApplicableDiscounts>>
{
    public async Task<Result<ApplicableDiscounts>> Handle(GetApplicableDiscounts request, CancellationToken cancellationToken)
    {
        var settings = await db.SettingsAsync(cancellationToken);
        var candidates = await db.Redemptions.AsNoTracking().MayDiscountAt(request.At)
            .Where(r => r.AccountCode == request.AccountCode && r.Currency == request.Currency)
            .Join(db.Coupons.AsNoTracking(), r => r.CouponId, c => c.Id, (r, c) => new DiscountCandidate(r, c))
            .ToListAsync(cancellationToken);
        return ApplicableDiscountRules.Select(settings, candidates, request);
    }
}
