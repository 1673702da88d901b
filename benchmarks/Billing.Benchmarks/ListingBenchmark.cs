using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Billing.SharedKernel;
using Microsoft.Data.Sqlite;

namespace Billing.Benchmarks;

/// <summary>
/// Issue 16: pages are index seeks, not offsets. Seeds N redemptions of one coupon as rows, then times
/// <c>GET /api/coupons/{id}/redemptions?limit=200</c> on the real host for the first page and for the last (its cursor
/// is the one the page before it answers, made here as the server makes it) and prints both medians and their ratio.
/// </summary>
internal static class ListingBenchmark
{
    private const int PageSize = 200;
    private const int Samples = 30;

    public static async Task<int> RunAsync(int redemptions)
    {
        string data = Path.Combine(Path.GetTempPath(), "billing-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        string couponId;
        await using (var host = await HostProcess.StartAsync(data, new Dictionary<string, string>()))
        {
            var created = await host.Client.PostAsync("/api/coupons", new StringContent("""{"code":"PAGES","name":"paged","discount":{"type":"percent","percent":10}}""", Encoding.UTF8, "application/json"));
            created.EnsureSuccessStatusCode();
            couponId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        var watch = Stopwatch.StartNew();
        Seed(data, couponId, redemptions);
        Console.WriteLine($"seeded:     {redemptions} redemptions of one coupon in {watch.Elapsed.TotalSeconds:F1} s");

        await using var api = await HostProcess.StartAsync(data, new Dictionary<string, string>());
        string path = $"/api/coupons/{couponId}/redemptions?limit={PageSize}";
        string lastCursor = new PageCursor(Math.Max(0, redemptions - PageSize), "-").Encode();
        var (first, firstCount, firstMore) = await TimeAsync(api, path);
        var (last, lastCount, lastMore) = await TimeAsync(api, $"{path}&cursor={Uri.EscapeDataString(lastCursor)}");

        Console.WriteLine($"first page: median {first.TotalMilliseconds:F2} ms over {Samples} reads ({firstCount} redemptions, has_more {firstMore})");
        Console.WriteLine($"last page:  median {last.TotalMilliseconds:F2} ms over {Samples} reads ({lastCount} redemptions, has_more {lastMore})");
        Console.WriteLine($"ratio:      {last.TotalMilliseconds / first.TotalMilliseconds:F2} (last / first)");
        bool ok = firstCount == Math.Min(PageSize, redemptions) && lastCount == Math.Min(PageSize, redemptions) && !lastMore;
        Console.WriteLine(ok ? "verified:   both pages full, the last one last" : "FAILED:     a page was not what the seed implies");
        return ok ? 0 : 1;
    }

    private static async Task<(TimeSpan Median, int Count, bool HasMore)> TimeAsync(HostProcess host, string path)
    {
        var times = new List<TimeSpan>();
        JsonElement page = default;
        for (int i = 0; i < Samples + 3; i++)
        {
            var watch = Stopwatch.StartNew();
            page = await host.Client.GetFromJsonAsync<JsonElement>(path);
            if (i >= 3)
            {
                times.Add(watch.Elapsed);
            }
        }

        times.Sort();
        return (times[times.Count / 2], page.GetProperty("data").GetArrayLength(), page.GetProperty("has_more").GetBoolean());
    }

    /// <summary>The redemptions as rows, in sequence order a second apart, with the sequence counter after them (as RedeemCoupon leaves it).</summary>
    private static void Seed(string data, string couponId, int redemptions)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "billing.db")};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO coupons_redemptions (Id, CouponId, Code, AccountCode, Level, Currency, State, PeriodsDiscounted, DiscountedMinor, CreatedAt, Sequence)
            VALUES ($id, $coupon, 'PAGES', $account, 'account', 'USD', 'active', 0, 0, $at, $sequence)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$coupon", couponId);
        var account = insert.Parameters.Add("$account", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 1; i <= redemptions; i++)
        {
            id.Value = $"red_page{i}";
            account.Value = $"acct{i}";
            at.Value = start.AddSeconds(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            sequence.Value = i;
            insert.ExecuteNonQuery();
        }

        using var counter = connection.CreateCommand();
        counter.Transaction = transaction;
        counter.CommandText = "UPDATE coupons_sequences SET Value = $value WHERE Name = 'redemption'";
        counter.Parameters.AddWithValue("$value", redemptions);
        counter.ExecuteNonQuery();
        transaction.Commit();
    }
}
