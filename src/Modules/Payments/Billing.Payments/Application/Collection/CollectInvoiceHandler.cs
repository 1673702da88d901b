using Billing.Payments.Contracts;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Payments.Application.Collection;

/// <summary>P2: collects one invoice now (see <see cref="Collector"/>).</summary>
internal sealed class CollectInvoiceHandler(Collector collector) : IRequestHandler<CollectInvoice, Result<CollectionDto>>
{
    public Task<Result<CollectionDto>> Handle(CollectInvoice request, CancellationToken cancellationToken) =>
        collector.CollectAsync(request.InvoiceNumber, request.RetryNow, cancellationToken);
}
