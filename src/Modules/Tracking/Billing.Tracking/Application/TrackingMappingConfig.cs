using Billing.BuildingBlocks.Mapping;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Mapster;

namespace Billing.Tracking.Application;

/// <summary>
/// The Tracking module's Mapster configuration, entity → DTO: members of the same name are copied, statuses map to
/// their wire names (seed 000's answer to its own form), amounts to their decimal text and stored custom params to
/// seed 000's record through the registered converters. <see cref="TrackingModule"/> registers it, to be compiled when the host starts.
/// </summary>
internal static class TrackingMappingConfig
{
    /// <summary>The module's configuration (each pair compiles on first use, and the whole once the host has started).</summary>
    public static TypeAdapterConfig Config { get; } = Create();

    /// <summary>A new, uncompiled configuration (the tests compile it themselves).</summary>
    public static TypeAdapterConfig Create()
    {
        var config = ModuleMapping.NewConfig()
            .MapToWireName<ConversionStatus>();
        config.NewConfig<DecimalAmount, string>().MapWith(amount => amount.ToString());
        config.NewConfig<Dictionary<string, string>, CustomParams?>().MapWith(stored => TrackingMapping.ToCustomParams(stored));

        config.NewConfig<Conversion, ConversionDto>();
        config.NewConfig<Conversion, SeedConversionDto>()
            .Map(dto => dto.Status, conversion => ConversionStatuses.SeedName(conversion.Status))
            .Map(dto => dto.Amount, conversion => conversion.Amount != null ? conversion : null);
        config.NewConfig<Conversion, ConversionAmount>()
            .Map(amount => amount.Value, conversion => conversion.Amount!.Value);
        config.NewConfig<ConversionError, ConversionErrorDto>();
        config.NewConfig<ConversionType, ConversionTypeDto>();
        config.NewConfig<RevenueOrigin, RevenueOriginDto>();
        return config;
    }
}
