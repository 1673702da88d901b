using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Discounts;

/// <summary>
/// The bill run's question for a batch of invoices: the active redemptions of all their accounts and the coupons
/// behind them in two queries, then the same rules per invoice.
/// </summary>
internal sealed class GetApplicableDiscountsForManyHandler(CouponsDbContext db)
    : IRequestHandler<GetApplicableDiscountsForMany, Result<IReadOnlyList<ApplicableDiscounts>>>
{
    public async Task<Result<IReadOnlyList<ApplicableDiscounts>>> Handle(GetApplicableDiscountsForMany request, CancellationToken cancellationToken)
    {
        var settings = await db.SettingsAsync(cancellationToken);
        var accounts = request.Invoices.Select(i => i.AccountCode).Distinct().ToList();
        var earliest = request.Invoices.Count == 0 ? DateTimeOffset.MaxValue : request.Invoices.Min(i => i.At);
        var redemptions = await db.Redemptions.AsNoTracking().MayDiscountAt(earliest)
            .Where(r => EF.Parameter(accounts).Contains(r.AccountCode))
            .ToListAsync(cancellationToken);
        var couponIds = redemptions.Select(r => r.CouponId).Distinct().ToList();
        var coupons = await db.Coupons.AsNoTracking().Where(c => EF.Parameter(couponIds).Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var byAccount = redemptions.ToLookup(r => r.AccountCode, r => new DiscountCandidate(r, coupons[r.CouponId]));
        return request.Invoices.Select(invoice => ApplicableDiscountRules.Select(settings, byAccount[invoice.AccountCode], invoice)).ToList();
    }
}
