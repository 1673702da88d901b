using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Conversions;

internal sealed class ListConversionsValidator : AbstractValidator<ListConversions>
{
    public ListConversionsValidator()
    {
        RuleFor(q => q.Status)
            .Must(status => status is null || ConversionStatuses.TryParse(status, out _))
            .WithMessage($"status is one of {ConversionStatuses.Accepted} (T5).");
    }
}

/// <summary>The conversion ledger, filtered by cid, type and status (T5 status in either spelling), oldest first.</summary>
internal sealed class ListConversionsHandler(TrackingDbContext db) : IRequestHandler<ListConversions, Result<IReadOnlyList<ConversionDto>>>
{
    private const int MaxResults = 1000;

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
            var status = ConversionStatuses.ParseOrDefault(request.Status);
            query = query.Where(c => c.Status == status);
        }

        var conversions = await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(MaxResults).ToListAsync(cancellationToken);
        return conversions.Select(c => c.ToDto()).ToList();
    }
}
