namespace Billing.Fixture.Domain;

// Planted: domain types whose state code outside them can change by assignment, so that the domain state rule shows
// that it sees each kind of open setter; and one that changes only through its own method.

/// <summary>A public auto-property setter: any handler could assign its state.</summary>
internal sealed class PublicSetter
{
    public int Count { get; set; }
}

/// <summary>An internal setter is open to the whole module.</summary>
internal sealed class InternalSetter
{
    public string State { get; internal set; } = string.Empty;
}

/// <summary>Only a static property has an open setter.</summary>
internal static class StaticSetter
{
    public static int Shared { get; set; }
}

/// <summary>Init-only values fixed at construction and a private setter behind a method: the rule lets both through.</summary>
internal sealed class InitOnlyAndPrivateSetters
{
    public string Id { get; init; } = string.Empty;

    public int Count { get; private set; }

    public void Increment() => Count++;
}
