using Billing.BuildingBlocks.Persistence;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;

namespace Billing.Tracking.Application.RecordConversions;

/// <summary>What the ledger did with a conversion: recorded it, or refused it as a duplicate and logged why (T4).</summary>
internal sealed record LedgerEntry(Conversion? Recorded, ConversionError? Refusal);

/// <summary>
/// T3/T4: the one way conversions enter the ledger, for posted conversions and for the automatic flow alike. A
/// conversion whose (type, externalId) is already recorded is not added; the refusal is written to the
/// conversion error log in the caller's transaction instead, naming the existing conversion. The unique index on
/// (type, externalId) decides, whatever a concurrent writer does: the insert does nothing when the index refuses it,
/// and the conversion that holds the pair is then read and named (issue 21: one statement per conversion, no look-up
/// before it and no EF Core savepoint).
/// </summary>
internal sealed class ConversionLedger(DbSession session, TimeProvider clock)
{
    public async Task<LedgerEntry> RecordAsync(Conversion conversion, CancellationToken cancellationToken)
    {
        if (await session.TryInsertConversionAsync(conversion, cancellationToken))
        {
            return new LedgerEntry(conversion, null);
        }

        var existing = conversion.ExternalId is null ? null : await session.ExistingAsync(conversion.ConversionTypeCode, conversion.ExternalId, cancellationToken);
        if (existing is not var (existingId, existingCreatedAt))
        {
            throw new InvalidOperationException($"A unique index refused conversion {conversion.Id}, yet no conversion holds ({conversion.ConversionTypeCode}, {conversion.ExternalId}).");
        }

        var error = ConversionError.DuplicateOf(existingId, existingCreatedAt, conversion, clock.GetUtcNow());
        await session.InsertErrorAsync(error, cancellationToken);
        return new LedgerEntry(null, error);
    }
}
