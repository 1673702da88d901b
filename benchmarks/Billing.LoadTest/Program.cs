using Billing.LoadTest;

var options = LoadOptions.Parse(args, out string? error);
return await CommandLine.RunAsync("load test", options is null ? error : null, LoadOptions.Usage, stop => LoadRun.RunAsync(options!, Console.Out, stop));
