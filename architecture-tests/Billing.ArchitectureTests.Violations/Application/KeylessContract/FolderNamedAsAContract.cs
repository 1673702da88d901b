namespace Billing.Fixture.Application.KeylessContract;

/// <summary>Planted: a type in a use-case folder named exactly as a Contracts type.</summary>
internal static class FolderNamedAsAContract
{
    public static string Named => nameof(Contracts.KeylessContract);
}
