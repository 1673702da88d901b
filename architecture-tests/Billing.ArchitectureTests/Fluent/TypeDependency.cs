namespace Billing.ArchitectureTests.Fluent;

/// <summary>A type that a checked type uses, by full name (nested types joined with '+') and defining assembly.</summary>
internal readonly record struct TypeDependency(string FullName, string AssemblyName);
