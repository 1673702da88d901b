using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Errors;

/// <summary>T4: the conversion error log, newest first, paged as a seek on (CreatedAt, Id) (issue 16).</summary>
internal sealed class ListConversionErrorsHandler(TrackingDbContext db) : IRequestHandler<ListConversionErrors, Result<Page<ConversionErrorDto>>>
{
    public Task<Result<Page<ConversionErrorDto>>> Handle(ListConversionErrors request, CancellationToken cancellationToken) =>
        db.ConversionErrors.AsNoTracking().ToPageAsync(request.Page with { Reversed = !request.Page.Reversed }, e => e.CreatedAt, e => e.Id, e => e.ToDto(), cancellationToken);
}
