using System.Diagnostics;

namespace Billing.LoadTest;

/// <summary>The repository the generator runs from (the folder of <c>Billing.sln</c>) and the host's Release build in it.</summary>
internal sealed class Repository
{
    private static readonly string[] SourcePatterns = ["*.cs", "*.csproj", "*.json", "*.props"];

    private Repository(string root) => Root = root;

    public string Root { get; }

    public string HostAssembly => Path.Combine(Root, "src", "Host", "Billing.Host", "bin", "Release", "net10.0", "Billing.Host.dll");

    /// <summary>Walks up from the working directory, then from the generator's own folder, to <c>Billing.sln</c>.</summary>
    public static Repository Locate()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Billing.sln")))
                {
                    return new Repository(directory.FullName);
                }
            }
        }

        throw new SetupException("Billing.sln not found above the working directory: run the generator from the repository.");
    }

    /// <summary>
    /// Builds the host in Release when its build is missing or older than a source file, so that a run never
    /// measures stale code. Nothing else is built.
    /// </summary>
    public async Task EnsureHostBuiltAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var built = File.Exists(HostAssembly) ? File.GetLastWriteTimeUtc(HostAssembly) : (DateTime?)null;
        var newestSource = NewestSourceWrite();
        if (built is { } builtAt && builtAt >= newestSource)
        {
            return;
        }

        log.WriteLine(built is null
            ? "The host's Release build is missing: dotnet build -c Release src/Host/Billing.Host"
            : "The host's Release build is older than its sources: dotnet build -c Release src/Host/Billing.Host");
        var start = new ProcessStartInfo("dotnet", ["build", "-c", "Release", "src/Host/Billing.Host", "-nologo", "-v", "quiet"])
        {
            WorkingDirectory = Root,
            UseShellExecute = false,
        };
        using var build = Process.Start(start) ?? throw new SetupException("could not start dotnet build");
        try
        {
            await build.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            build.Kill(entireProcessTree: true);
            throw;
        }

        if (build.ExitCode != 0 || !File.Exists(HostAssembly))
        {
            throw new SetupException($"dotnet build -c Release src/Host/Billing.Host failed (exit code {build.ExitCode}).");
        }
    }

    private DateTime NewestSourceWrite()
    {
        var newest = DateTime.MinValue;
        var sources = SourcePatterns
            .SelectMany(pattern => Directory.EnumerateFiles(Path.Combine(Root, "src"), pattern, SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat([Path.Combine(Root, "Directory.Build.props"), Path.Combine(Root, "Directory.Packages.props")]);
        foreach (string path in sources.Where(File.Exists))
        {
            var written = File.GetLastWriteTimeUtc(path);
            if (written > newest)
            {
                newest = written;
            }
        }

        return newest;
    }
}

/// <summary>The run could not be set up (no repository, no host build, a host that does not start or refuses the seed).</summary>
internal sealed class SetupException(string message) : Exception(message);
