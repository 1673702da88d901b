using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using Billing.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.RecordConversions;

/// <summary>What the ledger did with a conversion: recorded it, or refused it as a duplicate and logged why (T4).</summary>
internal sealed record LedgerEntry(Conversion? Recorded, ConversionError? Refusal);

/// <summary>
/// T3/T4: the one way conversions enter the ledger, for posted conversions and for the automatic flow alike. A
/// conversion whose (type, externalId) is already recorded is not added; the refusal is written to the
/// conversion error log in the caller's transaction instead, naming the existing conversion. The unique index on
/// (type, externalId) is the guarantee: the look-up before the insert spares a failed statement, and a duplicate
/// that passes it (a concurrent writer where writers are not serialized as on SQLite) fails on the index and is
/// refused the same way.
/// </summary>
internal sealed class ConversionLedger(TrackingDbContext db, TimeProvider clock)
{
    public async Task<LedgerEntry> RecordAsync(Conversion conversion, CancellationToken cancellationToken)
    {
        if (await ExistingAsync(conversion, cancellationToken) is { } existing)
        {
            return await RefuseAsync(existing, conversion, cancellationToken);
        }

        db.Conversions.Add(conversion);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new LedgerEntry(conversion, null);
        }
        catch (DbUpdateException exception) when (BillingDatabase.IsUniqueViolation(exception))
        {
            // SaveChanges rolled back to its savepoint: nothing of it is stored. Forget the refused conversion.
            db.Entry(conversion).State = EntityState.Detached;
            if (await ExistingAsync(conversion, cancellationToken) is not { } winner)
            {
                throw;
            }

            return await RefuseAsync(winner, conversion, cancellationToken);
        }
    }

    private Task<Conversion?> ExistingAsync(Conversion conversion, CancellationToken cancellationToken) =>
        conversion.ExternalId is null
            ? Task.FromResult<Conversion?>(null)
            : db.ByExternalIdAsync(conversion.ConversionTypeCode, conversion.ExternalId, cancellationToken);

    private async Task<LedgerEntry> RefuseAsync(Conversion existing, Conversion refused, CancellationToken cancellationToken)
    {
        var error = ConversionError.DuplicateOf(existing, refused, clock.GetUtcNow());
        db.ConversionErrors.Add(error);
        await db.SaveChangesAsync(cancellationToken);
        return new LedgerEntry(null, error);
    }
}
