using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Conversions;

internal sealed class ListConversionsHandler(TrackingDbContext db) : IRequestHandler<ListConversions, Result<IReadOnlyList<ConversionDto>>>
{
    public async Task<Result<IReadOnlyList<ConversionDto>>> Handle(ListConversions request, CancellationToken cancellationToken)
    {
        var query = db.Conversions.AsNoTracking();
        if (request.Cid is not null)
        {
            query = query.Where(c => c.Cid == request.Cid);
        }

        if (request.Type is not null)
        {
            query = query.Where(c => c.ConversionTypeCode == request.Type);
        }

        if (request.Status is not null)
        {
            if (!Wire<ConversionStatus>.TryParse(request.Status, out var status))
            {
                return Error.Validation("status", $"status must be one of {string.Join(", ", Wire<ConversionStatus>.All)}.");
            }

            query = query.Where(c => c.Status == status);
        }

        var conversions = await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(1000).ToListAsync(cancellationToken);
        return conversions.Select(c => c.ToDto()).ToList();
    }
}
