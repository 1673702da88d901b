using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Errors;

/// <summary>T4: the conversion error log, newest first.</summary>
internal sealed class ListConversionErrorsHandler(TrackingDbContext db) : IRequestHandler<ListConversionErrors, Result<IReadOnlyList<ConversionErrorDto>>>
{
    private const int MaxResults = 1000;

    public async Task<Result<IReadOnlyList<ConversionErrorDto>>> Handle(ListConversionErrors request, CancellationToken cancellationToken)
    {
        var errors = await db.ConversionErrors.AsNoTracking()
            .OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id)
            .Take(MaxResults)
            .ToListAsync(cancellationToken);
        return errors.Select(e => e.ToDto()).ToList();
    }
}
