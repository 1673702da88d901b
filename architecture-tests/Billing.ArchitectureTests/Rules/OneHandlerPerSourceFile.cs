using Mono.Cecil;
using NetArchTest.Rules;

namespace Billing.ArchitectureTests.Rules;

/// <summary>
/// A handler shares none of its source files with another handler. The source files of a type come from the
/// assembly's PDB: the documents of the sequence points of its methods and of its lambdas and async or iterator
/// state machines (compiler-generated nested types). A handler is thus judged by the files its code was compiled
/// from, whatever they are called.
/// </summary>
internal sealed class OneHandlerPerSourceFile(Func<TypeDefinition, bool> isHandler) : ICustomRule
{
    private (Dictionary<string, HashSet<string>> FilesByHandler, Dictionary<string, int> HandlersPerFile)? index;

    public bool MeetsRule(TypeDefinition type)
    {
        var (filesByHandler, handlersPerFile) = index ??= Read(type.Module.FileName);
        return filesByHandler.TryGetValue(type.FullName, out var files) && files.All(file => handlersPerFile[file] == 1);
    }

    private (Dictionary<string, HashSet<string>>, Dictionary<string, int>) Read(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath, new ReaderParameters { ReadSymbols = true, ReadingMode = ReadingMode.Immediate });
        var filesByHandler = module.GetTypes()
            .Where(type => !IsCompilerGenerated(type) && isHandler(type))
            .ToDictionary(type => type.FullName, SourceFiles, StringComparer.Ordinal);
        var handlersPerFile = filesByHandler.Values
            .SelectMany(files => files)
            .GroupBy(file => file, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        return (filesByHandler, handlersPerFile);
    }

    private static HashSet<string> SourceFiles(TypeDefinition type) =>
        SelfAndCompilerGeneratedNested(type)
            .SelectMany(part => part.Methods)
            .SelectMany(method => method.DebugInformation.SequencePoints)
            .Select(point => point.Document.Url)
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<TypeDefinition> SelfAndCompilerGeneratedNested(TypeDefinition type) =>
        type.NestedTypes.Where(IsCompilerGenerated).SelectMany(SelfAndCompilerGeneratedNested).Prepend(type);

    private static bool IsCompilerGenerated(TypeDefinition type) =>
        type.Name.StartsWith('<')
        || type.CustomAttributes.Any(attribute => attribute.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");
}
