using System.Text.Json;

namespace Billing.LoadTest;

/// <summary>
/// Issue 7.2: <c>POST /api/accounts/{code}/redemptions</c> under load. 80% of the requests redeem uncapped coupons;
/// 10% go to coupons capped at <see cref="CouponCap"/> redemptions (and 2 per account), far more often than the cap
/// allows; 10% to coupons capped at <see cref="AccountCap"/> redemptions per account, by a few hot accounts. Afterwards
/// every coupon is read back: no cap was passed, each capped coupon stopped exactly at its cap (R2), and
/// <c>times_redeemed</c>, the stored redemptions and the 201s answered all agree.
/// </summary>
internal sealed class RedemptionBenchmark : Benchmark
{
    private const int Accounts = 1000;
    private const int HotAccounts = 50;
    private const int CouponCap = 100;
    private const int CappedCouponsPerAccount = 2;
    private const int AccountCap = 3;

    /// <summary>
    /// The uncapped coupons' max_redemptions_per_account: more than a run sends to one account, so it never binds.
    /// Without one a coupon is redeemed once per account while a redemption of it is active (C6, issue 25), and most
    /// of the uncapped requests, which repeat (coupon, account) pairs, would be refusals.
    /// </summary>
    private const int NeverBinding = 1_000_000;
    private const int ProfiledRequests = 50;
    private const string Currency = "USD";

    private readonly LoadOptions options;
    private readonly Variant variant;
    private readonly List<CouponSeed> coupons;

    private readonly Attempt[] warmUpAttempts;
    private readonly Attempt[] measuredAttempts;

    public RedemptionBenchmark(LoadOptions options, Variant variant)
    {
        this.options = options;
        this.variant = variant;
        coupons =
        [
            .. Enumerable.Range(1, 8).Select(i => new CouponSeed($"{variant.CodePrefix}-CAP-{i}", CouponKind.Capped, CouponCap, CappedCouponsPerAccount)),
            .. Enumerable.Range(1, 4).Select(i => new CouponSeed($"{variant.CodePrefix}-ACCOUNT-{i}", CouponKind.AccountCapped, null, AccountCap)),
            .. Enumerable.Range(1, 8).Select(i => new CouponSeed($"{variant.CodePrefix}-FREE-{i}", CouponKind.Uncapped, null, NeverBinding)),
        ];
        var random = new Random(20261121);
        int[] uncapped = Indexes(CouponKind.Uncapped);
        int[] capped = Indexes(CouponKind.Capped);
        int[] accountCapped = Indexes(CouponKind.AccountCapped);
        warmUpAttempts = Enumerable.Range(0, WarmUpCount(options.Requests))
            .Select(_ => new Attempt(uncapped[random.Next(uncapped.Length)], random.Next(Accounts)))
            .ToArray();
        measuredAttempts = Enumerable.Range(0, options.Requests)
            .Select(_ => random.NextDouble() switch
            {
                < 0.1 => new Attempt(capped[random.Next(capped.Length)], random.Next(Accounts)),
                < 0.2 => new Attempt(accountCapped[random.Next(accountCapped.Length)], random.Next(HotAccounts)),
                _ => new Attempt(uncapped[random.Next(uncapped.Length)], random.Next(Accounts)),
            })
            .ToArray();
        WarmUp = warmUpAttempts.Select(Request).ToList();
        Measured = measuredAttempts.Select(Request).ToList();
    }

    private enum CouponKind
    {
        Capped,
        AccountCapped,
        Uncapped,
    }

    public override string Endpoint => $"POST {variant.Route("/api/accounts/{code}/redemptions")}";

    public override string SuccessUnit => "redemptions";

    public override (double PerSecond, double? P99Ms) Target => (3000, 20);

    public override string Workload =>
        $"{Accounts} accounts, multiple_coupons_per_account=true; 8 coupons capped at max_redemptions={CouponCap} (and {CappedCouponsPerAccount} per account), "
        + $"4 at max_redemptions_per_account={AccountCap} redeemed by {HotAccounts} hot accounts, 8 uncapped (max_redemptions_per_account={NeverBinding}, never reached); "
        + "requests: 10% capped, 10% per-account capped, 80% uncapped (warm-up: uncapped only)"
        + (options.Tracked ? "; tracked: couponredeem exists, every redemption records its conversion (T6)" : "; untracked: no couponredeem type");

    /// <summary>A tenth of the measured count, between 100 and 2,000 requests.</summary>
    public static int WarmUpCount(int requests) => Math.Clamp(requests / 10, 100, 2000);

    public override async Task SeedAsync(BillingApi api, CancellationToken cancellationToken)
    {
        if (variant.SeedsShared)
        {
            await api.PutAsync("/api/settings/coupons", new { MultipleCouponsPerAccount = true }, cancellationToken);
            if (options.Tracked)
            {
                await api.PostAsync("/api/tracking/conversion-types", new { Code = "couponredeem", Name = "Coupon redeem" }, BillingApi.SnakeCase, cancellationToken);
            }

            await ForEachAsync(Enumerable.Range(0, Accounts), cancellationToken, async (account, ct) =>
                await api.PostAsync("/api/accounts", new { Code = AccountCode(account), Email = $"{AccountCode(account)}@example.test", Country = "US" }, BillingApi.SnakeCase, ct));
        }

        foreach (var coupon in coupons)
        {
            var created = await api.PostAsync(
                "/api/coupons",
                new
                {
                    coupon.Code,
                    Name = $"Load test {coupon.Kind}",
                    Discount = new { Type = "percent", Percent = 10 },
                    Duration = new { Type = "forever" },
                    coupon.MaxRedemptions,
                    coupon.MaxRedemptionsPerAccount,
                },
                BillingApi.SnakeCase,
                cancellationToken);
            coupon.Id = created.GetProperty("id").GetString()!;
        }
    }

    public override IReadOnlyList<ProfileGroup> ProfileGroups()
    {
        int uncapped = Indexes(CouponKind.Uncapped)[0];
        int accountCapped = Indexes(CouponKind.AccountCapped)[0];
        var full = new Attempt(accountCapped, Accounts - 1);
        return
        [
            new ProfileGroup("successful redemption (201)", [], Enumerable.Range(0, ProfiledRequests).Select(a => Request(new Attempt(uncapped, a))).ToList()),
            new ProfileGroup(
                "refused: max_redemptions_per_account_reached (422)",
                Enumerable.Repeat(Request(full), AccountCap).ToList(),
                Enumerable.Repeat(Request(full), ProfiledRequests).ToList()),
        ];
    }

    public override async Task<IReadOnlyList<Check>> VerifyAsync(BillingApi api, PhaseResult warmUp, PhaseResult measured, CancellationToken cancellationToken)
    {
        var answered = warmUpAttempts.Zip(warmUp.Answers).Concat(measuredAttempts.Zip(measured.Answers))
            .Where(pair => pair.Second is not null)
            .Select(pair => (Attempt: pair.First, Answer: pair.Second!))
            .ToList();
        var stored = new Dictionary<int, (JsonElement Coupon, JsonElement[] Redemptions)>();
        await ForEachAsync(Enumerable.Range(0, coupons.Count), cancellationToken, async (index, ct) =>
        {
            var coupon = await api.GetAsync($"/api/coupons/{coupons[index].Id}", ct);
            var redemptions = (await api.GetAllAsync($"/api/coupons/{coupons[index].Id}/redemptions", ct)).ToArray();
            lock (stored)
            {
                stored[index] = (coupon, redemptions);
            }
        });

        var overCap = new List<string>();
        var notExact = new List<string>();
        var disagreements = new List<string>();
        var accountOverCap = new List<string>();
        var missingCids = new List<string>();
        for (int index = 0; index < coupons.Count; index++)
        {
            var seed = coupons[index];
            var (coupon, redemptions) = stored[index];
            int timesRedeemed = coupon.GetProperty("times_redeemed").GetInt32();
            var mine = answered.Where(a => a.Attempt.Coupon == index).ToList();
            int created = mine.Count(a => a.Answer.IsSuccess);
            int unknown = mine.Count(a => a.Answer.Status == Answer.NoAnswer);
            if (timesRedeemed > seed.MaxRedemptions)
            {
                overCap.Add($"{seed.Code}: {timesRedeemed} > {seed.MaxRedemptions}");
            }

            if (redemptions.Length != timesRedeemed || timesRedeemed < created || timesRedeemed > created + unknown)
            {
                disagreements.Add($"{seed.Code}: times_redeemed {timesRedeemed}, stored {redemptions.Length}, answered 201 {created} (+{unknown} unanswered)");
            }

            // Without max_redemptions_per_account, one active redemption per account (issue 25 item 2).
            int possible = mine.GroupBy(a => a.Attempt.Account).Sum(g => Math.Min(g.Count(), seed.MaxRedemptionsPerAccount ?? 1));
            int expected = Math.Min(possible, seed.MaxRedemptions ?? int.MaxValue);
            if (unknown == 0 && timesRedeemed != expected)
            {
                notExact.Add($"{seed.Code}: {timesRedeemed} redemptions, {expected} expected");
            }

            if (seed.MaxRedemptionsPerAccount is { } perAccount)
            {
                accountOverCap.AddRange(redemptions
                    .GroupBy(r => r.GetProperty("account_code").GetString())
                    .Where(g => g.Count() > perAccount)
                    .Select(g => $"{seed.Code} on {g.Key}: {g.Count()} > {perAccount}"));
            }

            if (Tracks)
            {
                int withCid = redemptions.Select(r => r.GetProperty("cid").GetString()).Where(cid => cid is not null).Distinct().Count();
                if (withCid != redemptions.Length)
                {
                    missingCids.Add($"{seed.Code}: {redemptions.Length - withCid} of {redemptions.Length}");
                }
            }
        }

        var unexpected = answered
            .Where(a => !a.Answer.IsSuccess && a.Answer.Status != Answer.NoAnswer && !IsExpectedRefusal(coupons[a.Attempt.Coupon].Kind, a.Answer))
            .GroupBy(a => $"{a.Answer.Status} {a.Answer.Code} on {coupons[a.Attempt.Coupon].Kind}")
            .Select(g => $"{g.Key} ×{g.Count()}")
            .ToList();
        int unanswered = answered.Count(a => a.Answer.Status == Answer.NoAnswer);
        int cappedAttempts = answered.Count(a => coupons[a.Attempt.Coupon].Kind == CouponKind.Capped);
        var checks = new List<Check>
        {
            Check.Of(overCap.Count == 0, $"no capped coupon has more redemptions than its max_redemptions ({CouponCap}; {cappedAttempts} attempts on 8 coupons){Details(overCap)}"),
            Check.Of(notExact.Count == 0, $"each coupon stopped exactly at min(attempts that could succeed, cap) (R2){Details(notExact)}"),
            Check.Of(disagreements.Count == 0, $"times_redeemed = redemptions stored = 201s answered, for all {coupons.Count} coupons{Details(disagreements)}"),
            Check.Of(accountOverCap.Count == 0, $"no account has more redemptions of a coupon than its max_redemptions_per_account{Details(accountOverCap)}"),
            Check.Of(unexpected.Count == 0, $"every refusal is a cap refusal (422 max_redemptions_reached, coupon_expired, max_redemptions_per_account_reached; on an uncapped coupon the last only){Details(unexpected)}"),
            new(unanswered == 0 ? CheckResult.Passed : CheckResult.Warning, $"every request sent was answered ({unanswered} unanswered)"),
        };
        if (Tracks)
        {
            checks.Add(Check.Of(missingCids.Count == 0, $"every redemption has its own cid once the host is idle (T6){Details(missingCids)}"));
        }

        return checks;
    }

    private static bool IsExpectedRefusal(CouponKind kind, Answer answer) =>
        answer.Status == 422 && kind switch
        {
            CouponKind.Capped => answer.Code is "max_redemptions_reached" or "coupon_expired" or "max_redemptions_per_account_reached",
            CouponKind.AccountCapped => answer.Code is "max_redemptions_per_account_reached",
            _ => answer.Code is "max_redemptions_per_account_reached",
        };

    private static string Details(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? string.Empty : $": {string.Join("; ", problems.Take(10))}{(problems.Count > 10 ? $"; … {problems.Count - 10} more" : string.Empty)}";

    /// <summary>Whether the redemptions record their conversions (T6): the ceiling publishes no event.</summary>
    private bool Tracks => options.Tracked && variant.SeedsShared;

    private static string AccountCode(int account) => $"load-{account:0000}";

    private int[] Indexes(CouponKind kind) => Enumerable.Range(0, coupons.Count).Where(i => coupons[i].Kind == kind).ToArray();

    private PlannedRequest Request(Attempt attempt) =>
        new(
            HttpMethod.Post,
            variant.Route($"/api/accounts/{AccountCode(attempt.Account)}/redemptions"),
            JsonSerializer.SerializeToUtf8Bytes(new { CouponCode = coupons[attempt.Coupon].Code, Currency }, BillingApi.SnakeCase));

    /// <summary>One redemption request: which coupon (index into the seeded coupons) on which account.</summary>
    private readonly record struct Attempt(int Coupon, int Account);

    private sealed record CouponSeed(string Code, CouponKind Kind, int? MaxRedemptions, int? MaxRedemptionsPerAccount)
    {
        public string Id { get; set; } = string.Empty;
    }
}
