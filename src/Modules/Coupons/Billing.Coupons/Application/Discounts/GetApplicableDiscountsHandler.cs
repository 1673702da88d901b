using Billing.Coupons.Contracts;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Coupons.Application.Discounts;

/// <summary>One invoice's question, asked as a batch of one (issue 19): the rules and the queries are the bill run's.</summary>
internal sealed class GetApplicableDiscountsHandler(CouponsDbContext db) : IRequestHandler<GetApplicableDiscounts, Result<ApplicableDiscounts>>
{
    public async Task<Result<ApplicableDiscounts>> Handle(GetApplicableDiscounts request, CancellationToken cancellationToken)
    {
        var answers = await new GetApplicableDiscountsForManyHandler(db).Handle(new GetApplicableDiscountsForMany([request]), cancellationToken);
        return answers.Map(a => a[0]);
    }
}
