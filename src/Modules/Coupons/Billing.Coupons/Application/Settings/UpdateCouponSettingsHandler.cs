using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Settings;

internal sealed class UpdateCouponSettingsValidator : AbstractValidator<UpdateCouponSettings>
{
    public UpdateCouponSettingsValidator()
    {
        RuleFor(s => s.StackingOrder).Must(o => Wire<StackingOrder>.TryParse(o, out _))
            .WithMessage("stacking_order must be percent_first or fixed_first (C17).").When(s => s.StackingOrder is not null);
        RuleFor(s => s.PercentMode).Must(m => Wire<PercentMode>.TryParse(m, out _))
            .WithMessage("percent_mode must be full or compound (C17).").When(s => s.PercentMode is not null);
        RuleFor(s => s.TimeZone).Must(z => z!.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(z, out _))
            .WithMessage("time_zone must be an IANA time zone such as Europe/Paris or UTC (C6).").When(s => s.TimeZone is not null);
    }
}

/// <summary>C17: site settings; they apply to redemptions and invoices made from now on.</summary>
internal sealed class UpdateCouponSettingsHandler(CouponsDbContext db) : IRequestHandler<UpdateCouponSettings, Result<CouponSettingsDto>>
{
    public async Task<Result<CouponSettingsDto>> Handle(UpdateCouponSettings request, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.SingleAsync(cancellationToken);
        settings.Change(
            request.MultipleCouponsPerAccount,
            request.OneTimeChargesDiscountable,
            request.StackingOrder is null ? null : Wire<StackingOrder>.Parse(request.StackingOrder),
            request.PercentMode is null ? null : Wire<PercentMode>.Parse(request.PercentMode),
            request.TimeZone);
        await db.SaveChangesAsync(cancellationToken);
        return settings.ToDto();
    }
}
