using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.RevenueOrigins;

internal sealed class CreateRevenueOriginValidator : AbstractValidator<CreateRevenueOrigin>
{
    public CreateRevenueOriginValidator()
    {
        RuleFor(o => o.Id).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("id is required: the revenueOriginId conversions will name.")
            .Matches(RevenueOrigin.IdPattern).WithMessage("id is 1–100 letters, digits, '-' or '_', such as a UUID.");
        RuleFor(o => o.Name).NotEmpty().MaximumLength(255).WithMessage("name is required, at most 255 characters.").Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
    }
}

/// <summary>T1: a revenue origin exists before a conversion names it.</summary>
internal sealed class CreateRevenueOriginHandler(TrackingDbContext db, TimeProvider clock) : IRequestHandler<CreateRevenueOrigin, Result<RevenueOriginDto>>
{
    public async Task<Result<RevenueOriginDto>> Handle(CreateRevenueOrigin request, CancellationToken cancellationToken)
    {
        if (await db.RevenueOriginExistsAsync(request.Id, cancellationToken))
        {
            return TrackingErrors.RevenueOriginExists(request.Id);
        }

        var origin = new RevenueOrigin { Id = request.Id, Name = request.Name, CreatedAt = clock.GetUtcNow() };
        db.RevenueOrigins.Add(origin);
        await db.SaveChangesAsync(cancellationToken);
        return origin.ToDto();
    }
}
