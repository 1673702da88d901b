using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Application.PaymentMethods;

internal sealed class GetPaymentMethodHandler(PaymentsDbContext db) : IRequestHandler<GetPaymentMethod, Result<PaymentMethodDto>>
{
    public async Task<Result<PaymentMethodDto>> Handle(GetPaymentMethod request, CancellationToken cancellationToken) =>
        await db.PaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.AccountCode == request.AccountCode, cancellationToken) is { } method
            ? method.ToDto()
            : PaymentErrors.PaymentMethodNotFound(request.AccountCode);
}
