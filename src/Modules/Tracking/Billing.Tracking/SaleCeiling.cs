using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Tracking.Application;
using Billing.Tracking.Application.RecordConversions;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using FluentValidation;

namespace Billing.Tracking;

/// <summary>
/// Issue 21: the physical limit of "a sale on this machine", for the load test's ceiling endpoint (mapped only when
/// <c>Billing:Benchmarks:CeilingEndpoints</c> is on). It validates the posted conversion with <c>RecordSale</c>'s
/// validators, reads the cid's opener, and in one write transaction (the same write queue and group commit) inserts the
/// sale, which the (type, externalId) unique index refuses for a repeat; a repeat is logged in the conversion error
/// log and answered as the ledger answers it (T3, T4). It skips what the handler adds: MediatR, EF Core, and the look-ups
/// of the conversion type and revenue origin (the foreign keys still hold, T1) and of the externalId before the insert.
/// </summary>
internal sealed class SaleCeiling(DbSession session, IEnumerable<IValidator<RecordSale>> validators, TimeProvider clock)
{
    public async Task<Result<ConversionOutcome>> RecordAsync(ConversionInput input, CancellationToken cancellationToken)
    {
        if (await validators.RefusalAsync(new RecordSale(input), cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var opening = await session.OpeningAsync(input.Cid!, cancellationToken);
        if (opening is null)
        {
            return TrackingErrors.UnknownCid(input.Cid);
        }

        var now = clock.GetUtcNow();
        var sale = Conversion.On(opening, input.ConversionTypeCode!, ConversionStatuses.ParseOrDefault(input.Status), input.GeoLocation(), now)
            .WithOptionalFields(input);
        sale.CreditCoupon(input.CouponCode ?? opening.CouponCode);
        return await session.InTransactionAsync(() => RecordAsync(sale, now, cancellationToken), _ => true);
    }

    private async Task<Result<ConversionOutcome>> RecordAsync(Conversion sale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await session.TryInsertConversionAsync(sale, cancellationToken))
        {
            return new LedgerEntry(sale, null).ToOutcome();
        }

        var (existingId, existingCreatedAt) = await session.ExistingAsync(sale.ConversionTypeCode, sale.ExternalId!, cancellationToken)
            ?? throw new InvalidOperationException($"The unique index refused ({sale.ConversionTypeCode}, {sale.ExternalId}), yet no conversion has it.");
        var error = ConversionError.DuplicateOf(existingId, existingCreatedAt, sale, now);
        await session.InsertErrorAsync(error, cancellationToken);
        return new LedgerEntry(null, error).ToOutcome();
    }
}
