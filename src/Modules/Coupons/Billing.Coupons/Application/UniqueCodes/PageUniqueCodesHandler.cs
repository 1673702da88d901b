using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.UniqueCodes;

internal sealed class PageUniqueCodesValidator : AbstractValidator<PageUniqueCodes>
{
    public PageUniqueCodesValidator() =>
        RuleFor(q => q.State).Must(s => Wire<UniqueCodeState>.TryParse(s, out _))
            .WithMessage($"state must be one of {string.Join(", ", Wire<UniqueCodeState>.All)}.")
            .When(q => q.State is not null);
}

/// <summary>
/// C16: a bulk coupon's codes page by page on the (coupon_id, created_at, code) and (coupon_id, state, created_at, code)
/// indexes; the page's created range seeks the first, its keys (codes, in any case) the primary key.
/// </summary>
internal sealed class PageUniqueCodesHandler(CouponsDbContext db) : IRequestHandler<PageUniqueCodes, Result<Page<UniqueCodeDto>>>
{
    public async Task<Result<Page<UniqueCodeDto>>> Handle(PageUniqueCodes request, CancellationToken cancellationToken)
    {
        if (!await db.Coupons.AnyAsync(c => c.Id == request.CouponId, cancellationToken))
        {
            return CouponErrors.NotFound(request.CouponId);
        }

        var codes = db.UniqueCodes.AsNoTracking().Where(u => u.CouponId == request.CouponId);
        if (request.State is not null)
        {
            var state = Wire<UniqueCodeState>.Parse(request.State);
            codes = codes.Where(u => u.State == state);
        }

        if (request.Redeemed is { } redeemed)
        {
            codes = redeemed ? codes.Where(u => u.State == UniqueCodeState.Redeemed) : codes.Where(u => u.State != UniqueCodeState.Redeemed);
        }

        return await codes.Created(request.Page, u => u.CreatedAt).Keyed(request.Page, u => u.NormalizedCode, k => [Coupon.Normalize(k)])
            .ToPageAsync(request.Page, u => u.CreatedAt, u => u.NormalizedCode, u => u.ToDto(), cancellationToken);
    }
}
