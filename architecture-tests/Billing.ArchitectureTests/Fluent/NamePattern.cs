using System.Text.RegularExpressions;

namespace Billing.ArchitectureTests.Fluent;

/// <summary>
/// A name to match, where <c>*</c> stands for any run of characters. A namespace or type pattern also matches
/// everything inside it (<c>MediatR</c> matches <c>MediatR.IMediator</c>, <c>Billing.Coupons.Domain.Coupon</c>
/// matches its nested <c>Billing.Coupons.Domain.Coupon+Line</c>, <c>MediatR.IRequestHandler</c> matches
/// <c>MediatR.IRequestHandler`2</c>) but never a longer name (<c>Billing.Coupons</c> does not match
/// <c>Billing.CouponsArchive</c>). An assembly pattern matches the whole name only.
/// </summary>
internal sealed class NamePattern
{
    private const string AnythingInside = @"(?:[.+`].*)?";
    private readonly Regex regex;

    private NamePattern(string pattern, string suffix)
    {
        regex = new Regex($"^{Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal)}{suffix}$", RegexOptions.CultureInvariant);
    }

    /// <summary>A pattern for namespaces and types: it also matches everything inside the name.</summary>
    public static NamePattern ForNamespaceOrType(string pattern) => new(pattern, AnythingInside);

    /// <summary>A pattern for assembly names: it matches the whole name only.</summary>
    public static NamePattern ForAssembly(string pattern) => new(pattern, string.Empty);

    /// <summary>Namespace or type patterns for each of <paramref name="patterns"/>.</summary>
    public static IReadOnlyList<NamePattern> ForNamespacesOrTypes(IEnumerable<string> patterns) => [.. patterns.Select(ForNamespaceOrType)];

    /// <summary>Assembly name patterns for each of <paramref name="patterns"/>.</summary>
    public static IReadOnlyList<NamePattern> ForAssemblies(IEnumerable<string> patterns) => [.. patterns.Select(ForAssembly)];

    /// <summary>Whether <paramref name="name"/> matches the pattern.</summary>
    public bool Matches(string name) => regex.IsMatch(name);
}
