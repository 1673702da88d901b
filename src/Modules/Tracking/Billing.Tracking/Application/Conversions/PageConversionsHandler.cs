using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Conversions;

internal sealed class PageConversionsValidator : AbstractValidator<PageConversions>
{
    public PageConversionsValidator()
    {
        RuleFor(q => q.Status)
            .Must(status => status is null || ConversionStatuses.TryParse(status, out _))
            .WithMessage($"status is one of {ConversionStatuses.Accepted} (T5).");
        RuleFor(q => q.Page.Created).ValidCreatedRange();
    }
}

/// <summary>The conversion ledger page by page on the (created_at, id) index, or (cid, created_at, id) for one cid.</summary>
internal sealed class PageConversionsHandler(TrackingDbContext db) : IRequestHandler<PageConversions, Result<Page<ConversionDto>>>
{
    public Task<Result<Page<ConversionDto>>> Handle(PageConversions request, CancellationToken cancellationToken)
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

        return query.Created(request.Page, c => c.CreatedAt).ToPageAsync(request.Page, c => c.CreatedAt, c => c.Id, c => c.ToDto(), cancellationToken);
    }
}
