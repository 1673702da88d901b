using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Billing.Tracking.Tests;

/// <summary>T3/T4: dedup of (conversion type, externalId) in the ledger, on a real SQLite file.</summary>
public sealed class ConversionLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static async Task<(TrackingDatabase Database, Conversion Opener)> LedgerWithACidAsync()
    {
        var database = await TrackingDatabase.CreateAsync();
        await database.InScopeAsync(db =>
        {
            db.ConversionTypes.AddRange(
                new ConversionType { Code = ConversionTypeCodes.CouponRedeem, Name = "Coupon redeem", CreatedAt = Now },
                new ConversionType { Code = "refund", Name = "Refund", CreatedAt = Now });
            return db.SaveChangesAsync();
        });
        var opener = Conversion.OpenCid("SAVE10", ConversionStatus.Approved, "US", Now);
        await database.RecordAsync(opener);
        return (database, opener);
    }

    private static Conversion Sale(Conversion opener, string externalId, string type = ConversionTypeCodes.Sale)
    {
        var sale = Conversion.On(opener, type, ConversionStatus.Approved, null, Now);
        sale.Describe(externalId, DecimalAmount.Parse("100.5"), null, null, null, []);
        return sale;
    }

    [Fact]
    public async Task A_repeated_external_id_of_a_type_records_nothing_and_logs_the_refusal_naming_the_existing_conversion_T4()
    {
        var (database, opener) = await LedgerWithACidAsync();
        await using var _ = database;

        var first = await database.RecordAsync(Sale(opener, "ch_1"));
        var second = await database.RecordAsync(Sale(opener, "ch_1"));

        Assert.NotNull(first.Recorded);
        Assert.Null(second.Recorded);
        var refusal = Assert.IsType<ConversionError>(second.Refusal);
        Assert.Equal("duplicate_external_id", refusal.Code);
        Assert.Equal(first.Recorded.Id, refusal.ExistingConversionId);
        Assert.Contains(first.Recorded.Id, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("'ch_1'", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1, await database.QueryAsync(db => db.Conversions.CountAsync(c => c.ExternalId == "ch_1")));
        Assert.Equal(refusal.Id, Assert.Single(await database.QueryAsync(db => db.ConversionErrors.ToListAsync())).Id);
    }

    [Fact]
    public async Task The_same_external_id_under_another_conversion_type_is_another_conversion_T3()
    {
        var (database, opener) = await LedgerWithACidAsync();
        await using var _ = database;

        var sale = await database.RecordAsync(Sale(opener, "ch_2"));
        var refund = await database.RecordAsync(Sale(opener, "ch_2", type: "refund"));

        Assert.NotNull(sale.Recorded);
        Assert.NotNull(refund.Recorded);
        Assert.Equal(0, await database.QueryAsync(db => db.ConversionErrors.CountAsync()));
    }

    [Fact]
    public async Task Conversions_without_an_external_id_are_never_duplicates_of_each_other_T3()
    {
        var (database, opener) = await LedgerWithACidAsync();
        await using var _ = database;

        var second = await database.RecordAsync(Conversion.OpenCid("SAVE10", ConversionStatus.Approved, "US", Now));

        Assert.NotNull(second.Recorded);
        Assert.NotEqual(opener.Cid, second.Recorded.Cid);
    }

    [Fact]
    public async Task A_duplicate_another_writer_stored_first_is_refused_by_the_unique_index_and_logged_naming_that_conversion_T4()
    {
        const string WinnerId = "conv_winner";
        var (database, opener) = await LedgerWithACidAsync();
        await using var _ = database;
        await database.InScopeAsync(db => db.Database.ExecuteSqlAsync(
            $$"""
            INSERT INTO "tracking_conversions" ("Id", "Cid", "ConversionTypeCode", "Status", "ExternalId", "GeoLocation", "CustomParams", "CreatedAt")
            VALUES ({{WinnerId}}, {{opener.Cid}}, 'sale', 'approved', 'ch_race', 'US', '{}', '2026-11-21 12:00:00')
            """));

        // Issue 21: the ledger inserts without a look-up first, so its INSERT meets the row of the other writer.
        var entry = await database.RecordAsync(Sale(opener, "ch_race"));

        Assert.Null(entry.Recorded);
        Assert.Equal(WinnerId, entry.Refusal?.ExistingConversionId);
        Assert.Equal([WinnerId], await database.QueryAsync(db => db.Conversions.Where(c => c.ExternalId == "ch_race").Select(c => c.Id).ToListAsync()));
        Assert.Equal(WinnerId, Assert.Single(await database.QueryAsync(db => db.ConversionErrors.ToListAsync())).ExistingConversionId);
    }
}
