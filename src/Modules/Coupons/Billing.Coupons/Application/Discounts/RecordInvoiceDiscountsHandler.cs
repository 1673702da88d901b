using Billing.Coupons.Contracts;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Coupons.Application.Discounts;

/// <summary>One issued invoice's discounts, recorded as a batch of one (issue 19): the rules and the writes are the bill run's.</summary>
internal sealed class RecordInvoiceDiscountsHandler(CouponsDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<RecordInvoiceDiscounts, Result<int>>
{
    public Task<Result<int>> Handle(RecordInvoiceDiscounts request, CancellationToken cancellationToken) =>
        new RecordManyInvoiceDiscountsHandler(db, mediator, clock).Handle(new RecordManyInvoiceDiscounts([request]), cancellationToken);
}
