using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.ConversionTypes;

internal sealed class CreateConversionTypeValidator : AbstractValidator<CreateConversionType>
{
    public CreateConversionTypeValidator()
    {
        RuleFor(t => t.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("code is required, such as couponredeem.")
            .Matches(ConversionType.CodePattern).WithMessage("code has 1–50 lower-case letters, digits or underscores, such as couponredeem.");
        RuleFor(t => t.Name).NotEmpty().MaximumLength(255).Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
    }
}

internal sealed class CreateConversionTypeHandler(TrackingDbContext db, TimeProvider clock) : IRequestHandler<CreateConversionType, Result<ConversionTypeDto>>
{
    public async Task<Result<ConversionTypeDto>> Handle(CreateConversionType request, CancellationToken cancellationToken)
    {
        if (await db.ConversionTypeExistsAsync(request.Code, cancellationToken))
        {
            return TrackingErrors.ConversionTypeExists(request.Code);
        }

        var type = new ConversionType { Code = request.Code, Name = request.Name, CreatedAt = clock.GetUtcNow() };
        db.ConversionTypes.Add(type);
        await db.SaveChangesAsync(cancellationToken);
        return type.ToDto();
    }
}
