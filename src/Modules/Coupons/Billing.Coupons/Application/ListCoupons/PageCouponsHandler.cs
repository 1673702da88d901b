using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.ListCoupons;

internal sealed class PageCouponsValidator : AbstractValidator<PageCoupons>
{
    public PageCouponsValidator()
    {
        RuleFor(q => q.State).Must(s => Wire<CouponState>.TryParse(s, out _)).WithMessage("state must be redeemable or expired.")
            .When(q => q.State is not null);
        RuleFor(q => q.DiscountType).Must(t => Wire<DiscountType>.TryParse(t, out _))
            .WithMessage($"discount_type must be one of {string.Join(", ", Wire<DiscountType>.All)}.")
            .OverridePropertyName("discount_type")
            .When(q => q.DiscountType is not null);
        RuleFor(q => q.Codes).Must(codes => codes!.Count <= PageRequest.MaxLimit)
            .WithMessage($"ids takes at most {PageRequest.MaxLimit} ids.")
            .OverridePropertyName("ids")
            .When(q => q.Codes is not null);
    }
}

/// <summary>
/// Coupons page by page on the (created_at, id) index, or (state, created_at, id) for one state; a search (code or
/// name, ignoring case), the discount type and the page's window (created range on the index, ids on the primary key,
/// codes on the code index) are SQL filters scanned in that order.
/// </summary>
internal sealed class PageCouponsHandler(CouponsDbContext db) : IRequestHandler<PageCoupons, Result<Page<CouponDto>>>
{
    public async Task<Result<Page<CouponDto>>> Handle(PageCoupons request, CancellationToken cancellationToken)
    {
        var query = db.Coupons.AsNoTracking();
        if (request.State is not null)
        {
            var state = Wire<CouponState>.Parse(request.State);
            query = query.Where(c => c.State == state);
        }

        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            string upper = request.Q.Trim().ToUpperInvariant();
            string lower = request.Q.Trim().ToLowerInvariant();
            query = query.Where(c => c.NormalizedCode.Contains(upper) || c.Name.ToLower().Contains(lower));
        }

        if (request.DiscountType is not null)
        {
            var discountType = Wire<DiscountType>.Parse(request.DiscountType);
            query = query.Where(c => c.DiscountType == discountType);
        }

        query = query.Created(request.Page, c => c.CreatedAt);
        query = request.Codes is { } codes ? Selected(query, request.Page.Keys ?? [], codes) : query.Keyed(request.Page, c => c.Id);
        var page = await query.ToPageAsync(request.Page, c => c.CreatedAt, c => c.Id, c => c, cancellationToken);
        if (!page.IsSuccess)
        {
            return page.Error;
        }

        var bulk = page.Value.Data.Where(c => c.CouponType == CouponType.Bulk).Select(c => c.Id).ToList();
        var issued = await db.UniqueCodes.Where(u => bulk.Contains(u.CouponId)).GroupBy(u => u.CouponId)
            .Select(g => new { CouponId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.CouponId, g => g.Count, cancellationToken);
        return page.Value.Map(c => c.ToDto(issued.GetValueOrDefault(c.Id)));
    }

    /// <summary>
    /// The coupons whose id is one of <paramref name="ids"/> or that one of <paramref name="codes"/> names: of the
    /// coupons with that own code, the redeemable one, else the newest (C15, as <see cref="CouponsDbContext.CouponByCodeAsync"/>),
    /// one SQL filter with a correlated sub-query.
    /// </summary>
    private IQueryable<Coupon> Selected(IQueryable<Coupon> query, IReadOnlyList<string> ids, IReadOnlyList<string> codes)
    {
        List<string> wantedIds = [.. ids];
        List<string> wantedCodes = [.. codes.Select(Coupon.Normalize).Distinct()];
        return query.Where(c => wantedIds.Contains(c.Id)
            || (wantedCodes.Contains(c.NormalizedCode)
                && c.Id == db.Coupons
                    .Where(named => named.NormalizedCode == c.NormalizedCode)
                    .OrderBy(named => named.State == CouponState.Redeemable ? 0 : 1)
                    .ThenByDescending(named => named.CreatedAt)
                    .Select(named => named.Id)
                    .First()));
    }
}
