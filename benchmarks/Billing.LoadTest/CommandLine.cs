using System.Globalization;

namespace Billing.LoadTest;

/// <summary>
/// What the load test's and the soak test's programs share: a bounded whole number of the command line, and a run
/// that Ctrl+C stops (the run kills its host on the way out) and a setup failure ends with exit code 2.
/// </summary>
internal static class CommandLine
{
    public static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    /// <summary>Runs <paramref name="run"/>, or prints <paramref name="usageError"/> and the usage (exit code 2) when the command line was not valid.</summary>
    public static async Task<int> RunAsync(string name, string? usageError, string usage, Func<CancellationToken, Task<int>> run)
    {
        if (usageError is not null)
        {
            Console.Error.WriteLine(usageError);
            Console.Error.WriteLine(usage);
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
            return await run(stop.Token);
        }
        catch (SetupException setup)
        {
            Console.Error.WriteLine($"{name} not run: {setup.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{name} interrupted; the host was stopped.");
            return 130;
        }
    }
}
