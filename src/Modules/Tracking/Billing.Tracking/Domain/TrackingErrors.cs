using System.Globalization;
using Billing.SharedKernel;

namespace Billing.Tracking.Domain;

/// <summary>
/// The Tracking module's refusals (DOMAIN.md T), each code with its kind, and so its HTTP status, declared once.
/// A message that names values takes them as arguments; ErrorCatalogueTests lists every code with its status.
/// </summary>
internal static class TrackingErrors
{
    public static Error ConversionNotFound(string type, string externalId) =>
        Error.NotFound("conversion_not_found", $"No {type} conversion has the externalId '{externalId}'. A conversion of another type is named with ?type=.");

    public static Error ConversionTypeExists(string code) =>
        Error.Conflict("conversion_type_exists", $"The conversion type '{code}' already exists.");

    public static Error UnknownConversionType(string code) =>
        Error.Rule("unknown_conversion_type", $"The conversion type '{code}' does not exist. An admin creates it first with POST /api/tracking/conversion-types (T1).");

    public static Error UnknownRevenueOrigin(string id) =>
        Error.Rule("unknown_revenue_origin", $"The revenue origin '{id}' does not exist. An admin creates it first with POST /api/tracking/revenue-origins (T1).");

    public static Error UnknownCid(string? cid) =>
        Error.Rule("unknown_cid", $"No couponredeem conversion opened the cid '{cid}'. Record the coupon redeem first and send the cid it answered (T3).");

    public static Error RevenueOriginExists(string id) =>
        Error.Conflict("revenue_origin_exists", $"The revenue origin '{id}' already exists; conversions can name it as it is.");

    /// <summary>T4: a conversion of the same type with the same externalId is already recorded; kept in the error log.</summary>
    public static Error DuplicateExternalId(string type, string externalId, string existingId, DateTimeOffset existingCreatedAt) =>
        Error.Conflict(
            "duplicate_external_id",
            string.Create(
                CultureInfo.InvariantCulture,
                $"A {type} conversion with externalId '{externalId}' is already recorded: conversion {existingId} of {existingCreatedAt:yyyy-MM-dd HH:mm:ss} UTC. Nothing new was recorded (T4): send a new externalId for a new {type}, or change the existing conversion's status by its externalId."));
}
