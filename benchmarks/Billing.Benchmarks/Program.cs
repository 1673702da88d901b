using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Billing.Benchmarks;

// dotnet run -c Release --project benchmarks/Billing.Benchmarks -- engine | bill-run [subscriptions] | bill-run-collect [subscriptions] | bill-run-under-load [subscriptions] [clients] | outbox-backlog [subscriptions] | fault [subscriptions] [kills] | listing-pages [redemptions] | bill-run-postgres [subscriptions] [hosts]
string command = args.FirstOrDefault() ?? "help";
int Number(int index, int fallback) => args.Length > index && int.TryParse(args[index], out int value) ? value : fallback;

switch (command)
{
    case "engine":
        BenchmarkRunner.Run<DiscountEngineBenchmark>(DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)));
        return 0;
    case "bill-run":
        return await BillRunBenchmark.RunAsync(Number(1, 100_000));
    case "bill-run-collect":
        return await BillRunBenchmark.CollectAsync(Number(1, 100_000));
    case "bill-run-under-load":
        return await BillRunUnderLoadBenchmark.RunAsync(Number(1, 100_000), Number(2, 16));
    case "outbox-backlog":
        return await BillRunBenchmark.BacklogAsync(Number(1, 50_000));
    case "fault":
        return await BillRunBenchmark.FaultAsync(Number(1, 100_000), Number(2, 5));
    case "bill-run-postgres":
        return await PostgresBillRunBenchmark.RunAsync(Number(1, 20_000), Number(2, 1));
    case "listing-pages":
        return await ListingBenchmark.RunAsync(Number(1, 1_000_000));
    default:
        Console.WriteLine("usage: engine | bill-run [subscriptions=100000] | bill-run-collect [subscriptions=100000] | bill-run-under-load [subscriptions=100000] [clients=16] | outbox-backlog [subscriptions=50000] | fault [subscriptions=100000] [kills=5] | listing-pages [redemptions=1000000] | bill-run-postgres [subscriptions=20000] [hosts=1] (BILLING_BENCH_POSTGRES)");
        return 2;
}
