using System.Diagnostics;
using System.Net;
using Billing.TestKit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 20: Recurly's official Node client (npm recurly 4.81.0, unmodified, strict mode) drives the /recurly API of
/// the real host on Kestrel on a loopback port, through tests/recurly-client (<c>node --test</c>).
/// </summary>
public sealed class RecurlyClientTests
{
    private const string AdminKey = "test-recurly-admin-key";
    private const string BusinessKey = "test-recurly-business-key";
    private const string GuesserKey = "test-recurly-guesser-key";

    /// <summary>The product's default; every key of the suite but the guesser's misses far fewer codes than that.</summary>
    private const int GuessesPerMinute = 20;
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Recurlys_own_node_client_passes_every_operation_of_the_subset_against_the_host()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = AdminKey;
        api.Settings["Recurly:ApiKeys:Business:0"] = BusinessKey;
        api.Settings["Recurly:ApiKeys:Business:1"] = GuesserKey;
        api.Settings["Billing:Limits:CouponGuessesPerMinute"] = GuessesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        api.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        api.StartServer();
        string address = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        string folder = SourceTree.File("tests", "recurly-client");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "recurly")))
        {
            var install = await RunAsync("npm", "ci --no-audit --no-fund", folder, address);
            Assert.True(install.ExitCode == 0, $"npm ci failed ({install.ExitCode}):\n{install.Output}");
        }

        var run = await RunAsync("node", "--test", folder, address);
        Assert.True(run.ExitCode == 0, $"node --test failed ({run.ExitCode}):\n{run.Output}");
        Assert.Contains("# fail 0", run.Output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, string arguments, string folder, string address)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BILLING_URL"] = address;
        start.Environment["RECURLY_ADMIN_KEY"] = AdminKey;
        start.Environment["RECURLY_BUSINESS_KEY"] = BusinessKey;
        start.Environment["RECURLY_GUESSER_KEY"] = GuesserKey;
        start.Environment["RECURLY_GUESSES_PER_MINUTE"] = GuessesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(NodeTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {arguments} ran longer than {NodeTimeout}:\n{await output}\n{await errors}");
        }

        return (process.ExitCode, $"{await output}\n{await errors}");
    }
}
