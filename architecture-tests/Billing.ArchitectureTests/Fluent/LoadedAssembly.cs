using Mono.Cecil;

namespace Billing.ArchitectureTests.Fluent;

/// <summary>
/// An assembly read with Mono.Cecil (in memory, so the file stays unlocked), with a resolver that finds its
/// references beside it, in the test output and in the shared frameworks this test run uses.
/// </summary>
internal sealed class LoadedAssembly : IDisposable
{
    private readonly DefaultAssemblyResolver resolver;

    private LoadedAssembly(DefaultAssemblyResolver resolver, AssemblyDefinition definition)
    {
        this.resolver = resolver;
        Definition = definition;
    }

    /// <summary>The assembly as Cecil reads it.</summary>
    public AssemblyDefinition Definition { get; }

    /// <summary>The assembly's simple name.</summary>
    public string Name => Definition.Name.Name;

    /// <summary>Reads the assembly at <paramref name="assemblyPath"/>; dispose the result when done.</summary>
    public static LoadedAssembly Read(string assemblyPath)
    {
        string fullPath = Path.GetFullPath(assemblyPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"No assembly to check at '{fullPath}'.", fullPath);
        }

        var resolver = new DefaultAssemblyResolver();
        foreach (string directory in SearchDirectories(fullPath))
        {
            resolver.AddSearchDirectory(directory);
        }

        try
        {
            var definition = AssemblyDefinition.ReadAssembly(fullPath, new ReaderParameters { AssemblyResolver = resolver, InMemory = true });
            return new LoadedAssembly(resolver, definition);
        }
        catch
        {
            resolver.Dispose();
            throw;
        }
    }

    /// <summary>Releases the assembly and every assembly resolved from it.</summary>
    public void Dispose()
    {
        Definition.Dispose();
        resolver.Dispose();
    }

    private static IEnumerable<string> SearchDirectories(string assemblyPath)
    {
        string trustedPlatformAssemblies = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        return new[] { Path.GetDirectoryName(assemblyPath)!, AppContext.BaseDirectory }
            .Concat(trustedPlatformAssemblies
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(path => Path.GetDirectoryName(path)!))
            .Select(directory => Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)))
            .Distinct(StringComparer.Ordinal);
    }
}
