using Billing.SharedKernel;

namespace Billing.Tracking.Domain;

/// <summary>T5 statuses; <see cref="Approved"/> is the default.</summary>
internal enum ConversionStatus
{
    Approved,
    Pending,
    OnHold,
    Rejected,
    Refunded,
    Fraud,
}

/// <summary>
/// The two spellings of a T5 status: the short one of the API (<c>on_hold</c>) and seed 000's
/// (<c>CONVERSION_STATUS_ON_HOLD</c>). Both are read, in any letter case.
/// </summary>
internal static class ConversionStatuses
{
    public const string SeedPrefix = "CONVERSION_STATUS_";

    public const ConversionStatus Default = ConversionStatus.Approved;

    /// <summary>The accepted spellings, for error messages.</summary>
    public static string Accepted { get; } =
        $"{string.Join(", ", Wire<ConversionStatus>.All)}, or seed 000's form such as {SeedName(ConversionStatus.Approved)}";

    public static bool TryParse(string? text, out ConversionStatus status)
    {
        status = Default;
        if (text is null)
        {
            return false;
        }

        string name = text.StartsWith(SeedPrefix, StringComparison.OrdinalIgnoreCase) ? text[SeedPrefix.Length..] : text;
        return Wire<ConversionStatus>.TryParse(name.ToLowerInvariant(), out status);
    }

    /// <summary>Reads a status that a validator has already accepted; absent means the default.</summary>
    public static ConversionStatus ParseOrDefault(string? text) =>
        text is null ? Default
        : TryParse(text, out var status) ? status
        : throw new ArgumentException($"'{text}' is not a conversion status.", nameof(text));

    public static string ShortName(ConversionStatus status) => Wire<ConversionStatus>.Name(status);

    public static string SeedName(ConversionStatus status) => SeedPrefix + ShortName(status).ToUpperInvariant();
}
