using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.UniqueCodes;

internal sealed class GenerateUniqueCodesValidator : AbstractValidator<GenerateUniqueCodes>
{
    public const int MaxPerCall = 10_000;

    public GenerateUniqueCodesValidator() =>
        RuleFor(g => g.Count).InclusiveBetween(1, MaxPerCall).WithMessage($"count must be from 1 to {MaxPerCall} codes per call (C16).");
}

/// <summary>
/// C16: generates N new distinct codes from the bulk coupon's template, none ever issued before and none equal
/// to a redeemable coupon's code. Candidates are inserted in batches that skip a conflict on the codes'
/// primary key, so a collision costs a retry of that one code, not a round trip per code. Any count up to what the
/// template can still produce succeeds: when that is less than twice the count, every code not yet issued is
/// tried once in random order instead of drawing at random.
/// </summary>
internal sealed class GenerateUniqueCodesHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<GenerateUniqueCodes, Result<GeneratedCodes>>
{
    private const int RowsPerStatement = 500;
    private const int MaxRounds = 20;

    public async Task<Result<GeneratedCodes>> Handle(GenerateUniqueCodes request, CancellationToken cancellationToken)
    {
        var coupon = await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CouponId, cancellationToken);
        if (coupon is null)
        {
            return CouponErrors.NotFound(request.CouponId);
        }

        if (coupon.CouponType != CouponType.Bulk)
        {
            return CouponErrors.NotABulkCoupon(coupon.Code);
        }

        var template = CodeTemplate.Parse(coupon.UniqueCodeTemplate).Value;
        int issued = await db.UniqueCodes.CountAsync(u => u.CouponId == coupon.Id, cancellationToken);
        long remaining = template.Remaining(issued);
        if (remaining < request.Count)
        {
            return CouponErrors.TemplateExhausted(coupon.UniqueCodeTemplate, remaining, template.Capacity, issued);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var generated = new List<string>(request.Count);
        if (remaining < request.Count * 2L)
        {
            // Random draws would mostly hit issued codes: every code not issued yet is tried once, in random order.
            var taken = (await db.UniqueCodes.Where(u => u.CouponId == coupon.Id).Select(u => u.NormalizedCode).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var candidates = template.AllInRandomOrder().Where(code => !taken.Contains(code)).ToList();
            for (int next = 0; next < candidates.Count && generated.Count < request.Count;)
            {
                int take = Math.Min(Math.Min(RowsPerStatement, request.Count - generated.Count), candidates.Count - next);
                generated.AddRange(await db.InsertNewUniqueCodesAsync(candidates.GetRange(next, take), coupon.Id, now, cancellationToken));
                next += take;
            }
        }

        var tried = new HashSet<string>(StringComparer.Ordinal);
        for (int round = 0; round < MaxRounds && generated.Count < request.Count; round++)
        {
            var candidates = new List<string>();
            while (candidates.Count < request.Count - generated.Count)
            {
                string code = template.Generate();
                if (tried.Add(code))
                {
                    candidates.Add(code);
                }
            }

            foreach (var chunk in candidates.Chunk(RowsPerStatement))
            {
                generated.AddRange(await db.InsertNewUniqueCodesAsync(chunk, coupon.Id, now, cancellationToken));
            }
        }

        return generated.Count == request.Count
            ? new GeneratedCodes(coupon.Id, generated.Count, generated)
            : CouponErrors.TooFewCodesDrawn(generated.Count, request.Count, coupon.UniqueCodeTemplate);
    }
}
