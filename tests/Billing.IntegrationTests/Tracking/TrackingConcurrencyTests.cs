using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>T3/T4 under real concurrency: the unique index on (type, externalId) decides, not a read-then-write.</summary>
public sealed class TrackingConcurrencyTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task Twenty_concurrent_sales_with_one_external_id_record_exactly_one_conversion_and_log_nineteen_refusals_T3_T4()
    {
        string cid = await api.RedeemCid("SAVE10");
        string externalId = $"ch_{Guid.NewGuid():N}";

        using var gate = api.Barriers.Arm(20);
        var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            gate.Through(api.Business()).PostConversion(new { cid, conversionTypeCode = "sale", amount = new { value = $"{i}.5" }, externalId })));

        Assert.True(gate.AllArrivedTogether, $"only {gate.Arrived} of 20 requests were in the host at once");
        var created = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        string winner = (await created.Body()).GetProperty("id").GetString()!;
        var refused = responses.Where(r => r != created).ToList();
        Assert.Equal(19, refused.Count);
        foreach (var response in refused)
        {
            await response.AssertProblem(HttpStatusCode.Conflict, "duplicate_external_id");
            Assert.Equal(winner, (await response.Body()).GetProperty("existingConversionId").GetString());
        }

        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM tracking_conversions WHERE ExternalId = '{externalId}'"));
        Assert.Equal(19, api.Scalar($"SELECT COUNT(*) FROM tracking_conversion_errors WHERE ExternalId = '{externalId}' AND ExistingConversionId = '{winner}'"));
    }
}
