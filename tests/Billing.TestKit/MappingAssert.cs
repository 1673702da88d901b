using Mapster;
using Xunit;

namespace Billing.TestKit;

/// <summary>Assertions on a module's Mapster configuration.</summary>
public static class MappingAssert
{
    /// <summary>
    /// The configuration demands a source for every DTO member and compiles: a DTO member that nothing maps
    /// (a new member, a renamed entity property) throws here, naming it.
    /// </summary>
    public static void CompilesWithEveryDtoMemberMapped(TypeAdapterConfig config)
    {
        Assert.True(config.RequireDestinationMemberSource, "The configuration must require a source for every DTO member.");
        Assert.NotEmpty(config.RuleMap);

        config.Compile();
    }

    /// <summary>The check above can fail: the same configuration with a DTO member nothing maps does not compile.</summary>
    public static void RefusesADtoMemberNothingMaps<TEntity>(TypeAdapterConfig config)
    {
        config.NewConfig<TEntity, DtoWithAMemberNothingMaps>();

        var refusal = Assert.ThrowsAny<Exception>(() => config.Compile());

        Assert.Contains(nameof(DtoWithAMemberNothingMaps.NothingMapsThis), refusal.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A DTO with one member no entity has.</summary>
    public sealed record DtoWithAMemberNothingMaps(string NothingMapsThis);
}
