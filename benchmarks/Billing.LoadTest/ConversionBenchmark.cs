using System.Globalization;
using System.Text.Json;

namespace Billing.LoadTest;

/// <summary>
/// Issue 7.3: conversion ingestion, <c>POST /api/tracking/conversions</c> with sales (seed 000's camelCase shape) on
/// cids opened by couponredeem conversions. A share of the sales repeat an earlier externalId, some of them while the
/// first is still in flight. Afterwards the ledger is read back: exactly one conversion per externalId, every repeat
/// answered 409 <c>duplicate_external_id</c> naming that conversion and logged in the conversion error log (T3, T4).
/// </summary>
internal sealed class ConversionBenchmark(LoadOptions options, Variant variant) : Benchmark
{
    /// <summary>At most this many sales per cid.</summary>
    private const int SalesPerCid = 400;
    private const int ProfiledRequests = 50;
    private readonly int warmUpCount = RedemptionBenchmark.WarmUpCount(options.Requests);
    private readonly int duplicates = Math.Min((int)Math.Round(options.Requests * options.Duplicates), options.Requests - 1);
    private string[] cids = [];
    private int[] measuredSales = [];

    public override string Endpoint => $"POST {variant.Route("/api/tracking/conversions")} (sale)";

    public override string SuccessUnit => "sales recorded";

    public override (double PerSecond, double? P99Ms) Target => (5000, null);

    public override string Workload =>
        $"{cids.Length} cids opened by couponredeem conversions, at most {SalesPerCid} sales each; "
        + $"{options.Requests - duplicates} sales with new externalIds and {duplicates} repeats ({options.Duplicates:P0}) of an earlier one, "
        + $"each sent within {2 * options.Clients} requests after it (so some race it); warm-up: new externalIds only";

    private int UniqueSales => options.Requests - duplicates;

    public override async Task SeedAsync(BillingApi api, CancellationToken cancellationToken)
    {
        if (variant.SeedsShared)
        {
            await api.PostAsync("/api/tracking/conversion-types", new { Code = "couponredeem", Name = "Coupon redeem" }, BillingApi.SnakeCase, cancellationToken);
        }

        int total = warmUpCount + UniqueSales + ProfiledRequests;
        cids = new string[Math.Max(100, (total + SalesPerCid - 1) / SalesPerCid)];
        await ForEachAsync(Enumerable.Range(0, cids.Length), cancellationToken, async (index, ct) =>
        {
            var opened = await api.PostAsync(
                "/api/tracking/conversions",
                new { CouponCode = "LOADSALE", Status = "CONVERSION_STATUS_APPROVED", ConversionTypeCode = "couponredeem", GeoLocation = "US" },
                BillingApi.CamelCase,
                ct);
            cids[index] = opened.GetProperty("cid").GetString()!;
        });

        var random = new Random(20261121);
        WarmUp = Enumerable.Range(0, warmUpCount).Select(SaleRequest).ToList();
        measuredSales = Enumerable.Range(0, UniqueSales).Select(k => (Sale: warmUpCount + k, Key: (double)k))
            .Concat(Enumerable.Range(0, duplicates).Select(_ => random.Next(UniqueSales)).Select(k => (Sale: warmUpCount + k, Key: k + random.Next(1, (2 * options.Clients) + 1) + 0.5)))
            .OrderBy(item => item.Key)
            .Select(item => item.Sale)
            .ToArray();
        Measured = measuredSales.Select(SaleRequest).ToList();
    }

    public override IReadOnlyList<ProfileGroup> ProfileGroups()
    {
        var profiled = Enumerable.Range(warmUpCount + UniqueSales, ProfiledRequests).Select(SaleRequest).ToList();
        return
        [
            new ProfileGroup("sale recorded (201)", [], profiled),
            new ProfileGroup("repeated externalId: duplicate_external_id (409)", [], profiled),
        ];
    }

    public override async Task<IReadOnlyList<Check>> VerifyAsync(BillingApi api, PhaseResult warmUp, PhaseResult measured, CancellationToken cancellationToken)
    {
        var posts = Enumerable.Range(0, warmUpCount).Zip(warmUp.Answers).Concat(measuredSales.Zip(measured.Answers))
            .Where(pair => pair.Second is not null)
            .GroupBy(pair => pair.First, pair => pair.Second!)
            .ToDictionary(g => g.Key, g => g.ToList());

        var stored = new List<JsonElement>();
        await ForEachAsync(cids, cancellationToken, async (cid, ct) =>
        {
            var sales = await api.GetAllAsync($"/api/tracking/conversions?cid={cid}&type=sale", ct);
            lock (stored)
            {
                stored.AddRange(sales);
            }
        });
        var storedByExternalId = stored.GroupBy(s => s.GetProperty("external_id").GetString()!).ToDictionary(g => g.Key, g => g.ToList());

        var notOne = new List<string>();
        var storedWrong = new List<string>();
        var badRefusals = new List<string>();
        var errorIds = new List<string>();
        int unanswered = 0;
        int sent = 0;
        foreach (var (sale, answers) in posts)
        {
            string externalId = ExternalId(sale);
            sent++;
            unanswered += answers.Count(a => a.Status == Answer.NoAnswer);
            var created = answers.Where(a => a.Status == 201).ToList();
            bool outcomeKnown = answers.All(a => a.Status != Answer.NoAnswer);
            if (created.Count > 1 || (created.Count == 0 && outcomeKnown))
            {
                notOne.Add($"{externalId}: {created.Count} × 201");
            }

            string? recordedId = created.FirstOrDefault()?.Property("id");
            var rows = storedByExternalId.GetValueOrDefault(externalId) ?? [];
            if (rows.Count > 1 || (rows.Count == 0 && created.Count > 0) || (recordedId is not null && rows.Count == 1 && rows[0].GetProperty("id").GetString() != recordedId))
            {
                storedWrong.Add($"{externalId}: {rows.Count} stored");
            }

            foreach (var refusal in answers.Where(a => a.Status != 201 && a.Status != Answer.NoAnswer))
            {
                if (refusal.Status != 409 || refusal.Code != "duplicate_external_id" || (recordedId is not null && refusal.Property("existingConversionId") != recordedId))
                {
                    badRefusals.Add($"{externalId}: {refusal.Status} {refusal.Code} existing {refusal.Property("existingConversionId")}");
                }
                else
                {
                    errorIds.Add(refusal.Property("errorId") ?? string.Empty);
                }
            }
        }

        var sentIds = posts.Keys.Select(ExternalId).ToHashSet();
        var strangers = storedByExternalId.Keys.Where(id => !sentIds.Contains(id)).ToList();
        // The log is shared with the other variant's run: this run's entries are those of its externalIds.
        var logged = (await api.GetAllAsync("/api/tracking/errors", cancellationToken)).Where(e => sentIds.Contains(e.GetProperty("external_id").GetString()!)).ToList();
        var errorIdSet = errorIds.ToHashSet();
        bool logAgrees = errorIdSet.Count == errorIds.Count
            && !errorIdSet.Contains(string.Empty)
            && logged.Count == errorIds.Count
            && logged.All(e => e.GetProperty("code").GetString() == "duplicate_external_id" && errorIdSet.Contains(e.GetProperty("id").GetString()!));

        return
        [
            Check.Of(notOne.Count == 0, $"exactly one 201 per externalId ({sent} externalIds sent){Details(notOne)}"),
            Check.Of(storedWrong.Count == 0 && strangers.Count == 0, $"exactly one sale stored per externalId answered 201, the one answered ({stored.Count} stored){Details(storedWrong.Concat(strangers.Select(s => $"unexpected {s}")).ToList())}"),
            Check.Of(badRefusals.Count == 0, $"every repeat answered 409 duplicate_external_id naming the recorded conversion ({errorIds.Count} repeats){Details(badRefusals)}"),
            Check.Of(logAgrees, $"every repeat logged once in the conversion error log (T4; {errorIds.Count} repeats, {logged.Count} logged)"),
            new(unanswered == 0 ? CheckResult.Passed : CheckResult.Warning, $"every request sent was answered ({unanswered} unanswered)"),
        ];
    }

    private static string Details(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? string.Empty : $": {string.Join("; ", problems.Take(10))}{(problems.Count > 10 ? $"; … {problems.Count - 10} more" : string.Empty)}";

    private string ExternalId(int sale) => variant.IdPrefix + (sale < warmUpCount ? $"warm_{sale:000000}" : $"ch_{sale:000000}");

    private PlannedRequest SaleRequest(int sale) =>
        new(
            HttpMethod.Post,
            variant.Route("/api/tracking/conversions"),
            JsonSerializer.SerializeToUtf8Bytes(
                new
                {
                    Cid = cids[sale % cids.Length],
                    ConversionTypeCode = "sale",
                    Amount = new { Value = string.Create(CultureInfo.InvariantCulture, $"{10 + (sale % 990)}.{sale % 100:00}") },
                    ExternalId = ExternalId(sale),
                    CustomerId = $"cus_{sale % 5000}",
                },
                BillingApi.CamelCase));
}
