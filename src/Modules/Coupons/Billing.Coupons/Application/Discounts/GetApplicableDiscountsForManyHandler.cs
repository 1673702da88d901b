using Billing.Coupons.Contracts;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Coupons.Application.Discounts;

/// <summary>
/// The question of which discounts apply, for one invoice or the bill run's batch alike (issue 19: a single question is
/// a batch of one, <see cref="GetApplicableDiscountsHandler"/>): the redemptions of all the invoices' accounts that may
/// discount and the coupons behind them in two queries, then <see cref="ApplicableDiscountRules"/> per invoice.
/// </summary>
internal sealed class GetApplicableDiscountsForManyHandler(CouponsDbContext db)
    : IRequestHandler<GetApplicableDiscountsForMany, Result<IReadOnlyList<ApplicableDiscounts>>>
{
    public async Task<Result<IReadOnlyList<ApplicableDiscounts>>> Handle(GetApplicableDiscountsForMany request, CancellationToken cancellationToken)
    {
        var settings = await db.SettingsAsync(cancellationToken);
        var accounts = request.Invoices.Select(i => i.AccountCode).Distinct().ToList();
        var earliest = request.Invoices.Count == 0 ? DateTimeOffset.MaxValue : request.Invoices.Min(i => i.At);
        var redemptions = await db.Redemptions.MayDiscountAt(earliest).OfAccountsAsync(accounts, cancellationToken);
        var coupons = await db.CouponsOfAsync(redemptions, cancellationToken);
        var byAccount = redemptions.ToLookup(r => r.AccountCode, r => new DiscountCandidate(r, coupons[r.CouponId]));
        return request.Invoices.Select(invoice => ApplicableDiscountRules.Select(settings, byAccount[invoice.AccountCode], invoice)).ToList();
    }
}
