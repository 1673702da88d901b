using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.ChangeStatus;

internal sealed class ChangeConversionStatusValidator : AbstractValidator<ChangeConversionStatus>
{
    public ChangeConversionStatusValidator()
    {
        RuleFor(c => c.Status).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage($"status is required: one of {ConversionStatuses.Accepted} (T5).")
            .Must(status => ConversionStatuses.TryParse(status, out _)).WithMessage($"status is one of {ConversionStatuses.Accepted} (T5).");
        RuleFor(c => c.ConversionTypeCode)
            .Matches(ConversionType.CodePattern).WithMessage("type is a conversion type code such as sale; sale when absent.")
            .OverridePropertyName("type");
        RuleFor(c => c.ExternalId)
            .Matches(Conversion.ExternalIdPattern).WithMessage("The externalId in the path is 1–255 characters without '/' or control characters.");
    }
}

/// <summary>
/// T5: a conversion's status changes by its externalId, e.g. to refunded; any status may follow any other. Answered in
/// seed 000's shape, like the POST that recorded it (issue 14).
/// </summary>
internal sealed class ChangeConversionStatusHandler(TrackingDbContext db) : IRequestHandler<ChangeConversionStatus, Result<SeedConversionDto>>
{
    public async Task<Result<SeedConversionDto>> Handle(ChangeConversionStatus request, CancellationToken cancellationToken)
    {
        string type = request.ConversionTypeCode ?? ConversionTypeCodes.Sale;
        var conversion = await db.Conversions.FirstOrDefaultAsync(c => c.ConversionTypeCode == type && c.ExternalId == request.ExternalId, cancellationToken);
        if (conversion is null)
        {
            return TrackingErrors.ConversionNotFound(type, request.ExternalId);
        }

        conversion.ChangeStatus(ConversionStatuses.ParseOrDefault(request.Status));
        await db.SaveChangesAsync(cancellationToken);
        return conversion.ToSeedDto();
    }
}
