using Billing.LoadTest;
using Billing.Soak;

var options = SoakOptions.Parse(args, out string? error);
return await CommandLine.RunAsync("soak test", options is null ? error : null, SoakOptions.Usage, stop => SoakRun.RunAsync(options!, Console.Out, stop));
