namespace Billing.TestKit;

/// <summary>
/// The repository's folders as the tests see them: found once by walking up from the test binaries to the folder that
/// holds <c>Billing.sln</c>, so tests that read the README, the source or the host's build output name one root.
/// </summary>
public static class SourceTree
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The folder holding <c>Billing.sln</c>.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>A path below the root, e.g. <c>SourceTree.File("README.md")</c>.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The host's own build output (with its runtimeconfig), in the configuration the tests were built in.</summary>
    public static string HostAssembly()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = File("src", "Host", "Billing.Host", "bin", configuration, "net10.0", "Billing.Host.dll");
        return System.IO.File.Exists(dll) ? dll : throw new FileNotFoundException($"The host is not built at {dll}.", dll);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "Billing.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException($"Billing.sln is not above {AppContext.BaseDirectory}.");
    }
}
