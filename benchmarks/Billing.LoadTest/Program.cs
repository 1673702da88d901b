using Billing.LoadTest;

var options = LoadOptions.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    // Stop sending and let the run kill the host on its way out.
    press.Cancel = true;
    stop.Cancel();
};

try
{
    return await LoadRun.RunAsync(options, Console.Out, stop.Token);
}
catch (SetupException setup)
{
    Console.Error.WriteLine($"load test not run: {setup.Message}");
    return 2;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("load test interrupted; the host was stopped.");
    return 130;
}
