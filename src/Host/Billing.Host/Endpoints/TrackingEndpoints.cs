using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Host.OpenApi;
using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Host.Endpoints;

internal sealed record ConversionStatusRequest(string? Status);

/// <summary>
/// HTTP for the Tracking module. <c>POST /tracking/conversions</c> keeps seed 000's camelCase shape in and out, so
/// that affiliate integrations post to it unchanged (API.md); the other endpoints speak the API's snake_case.
/// </summary>
internal static class TrackingEndpoints
{
    /// <summary>Seed 000's JSON: camelCase, and as strict about unknown fields and number formats as the rest of the API.</summary>
    private static readonly JsonSerializerOptions SeedJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
    };

    public static void MapTrackingEndpoints(this IEndpointRouteBuilder api)
    {
        var tracking = api.MapGroup("/tracking").WithTags("Tracking").RequireAuthorization(Roles.BusinessPolicy);
        tracking.MapPost("/conversion-types", async (CreateConversionType body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(t => $"/api/tracking/conversion-types/{t.Code}"))
            .WithName("CreateConversionType").Refuses(StatusCodes.Status409Conflict, "conversion_type_exists").WithSummary("Creates a conversion type").Produces<ConversionTypeDto>(StatusCodes.Status201Created).RequireAuthorization(Roles.AdminPolicy);
        tracking.MapPost("/revenue-origins", async (CreateRevenueOrigin body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(body, ct)).ToCreated(o => $"/api/tracking/revenue-origins/{o.Id}"))
            .WithName("CreateRevenueOrigin").Refuses(StatusCodes.Status409Conflict, "revenue_origin_exists").WithSummary("Creates a revenue origin").Produces<RevenueOriginDto>(StatusCodes.Status201Created).RequireAuthorization(Roles.AdminPolicy);
        tracking.MapPost("/conversions", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                var (input, problem) = await ReadSeedJsonAsync<ConversionInput>(request, ct);
                if (input is null)
                {
                    return problem!;
                }

                var outcome = input.ConversionTypeCode == ConversionTypeCodes.CouponRedeem
                    ? await mediator.Send(new RecordCouponRedeem(input), ct)
                    : await mediator.Send(new RecordSale(input), ct);
                return ToSeedAnswer(outcome);
            })
            .WithName("RecordConversion").Refuses(StatusCodes.Status422UnprocessableEntity, "unknown_conversion_type", "unknown_revenue_origin").Refuses(StatusCodes.Status422UnprocessableEntity, "unknown_cid").Produces<SeedConversionDto>(StatusCodes.Status201Created).Accepts<ConversionInput>("application/json").Refuses(StatusCodes.Status409Conflict, "duplicate_external_id")
            .WithSummary("Records a conversion in seed 000's camelCase shape")
            .WithDescription("Body {couponCode?, cid?, status?, conversionTypeCode, geoLocation?, revenueOriginId?, amount?: {value: \"100.5\", currency?}, externalId?, customerId?, customParams?: {advS1..advS5}}. A couponredeem conversion answers a new cid (T2); any other type is recorded on an existing cid, a sale with amount.value and an externalId unique per type (T3). A repeated externalId answers 409 duplicate_external_id naming the existing conversion (T4).");
        tracking.MapGet("/conversions", async (
                string? cid,
                string? type,
                string? status,
                [FromQuery(Name = "created_from")] DateTimeOffset? createdFrom,
                [FromQuery(Name = "created_to")] DateTimeOffset? createdTo,
                int? limit,
                string? cursor,
                IMediator mediator,
                CancellationToken ct) =>
            (await mediator.Send(new PageConversions(new PageRequest(limit, cursor) { Created = CreatedRange.HalfOpen(createdFrom, createdTo) }, cid, type, status), ct)).ToOk())
            .WithName("ListConversions").WithSummary("Lists conversions, filtered by cid, type, status and creation time, a page at a time").Produces<Page<ConversionDto>>();
        tracking.MapPatch("/conversions/{externalId}", async (string externalId, string? type, ConversionStatusRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var changed = await mediator.Send(new ChangeConversionStatus(externalId, type, body.Status), ct);
                return changed.IsSuccess ? Results.Json(changed.Value, SeedJson) : changed.Error.ToProblem();
            })
            .WithName("ChangeConversionStatus").WithSummary("Changes the status of the conversion with this externalId (T5); answers seed 000's camelCase shape").Produces<SeedConversionDto>();
        tracking.MapGet("/errors", async (int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new ListConversionErrors(new PageRequest(limit, cursor)), ct)).ToOk())
            .WithName("ListConversionErrors").WithSummary("Lists the refused conversions (the error log), newest first, a page at a time").Produces<Page<ConversionErrorDto>>();
        tracking.MapGet("/report", async (string? from, string? to, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetConversionReport(from, to), ct)).ToOk())
            .WithName("GetConversionReport").WithSummary("Reports conversions between two dates").Produces<ConversionReportDto>();
    }

    /// <summary>201 with the conversion in seed 000's shape, or 409 <c>duplicate_external_id</c> naming the existing conversion (T4).</summary>
    internal static IResult ToSeedAnswer(Result<ConversionOutcome> outcome)
    {
        if (!outcome.IsSuccess)
        {
            return outcome.Error.ToProblem();
        }

        if (outcome.Value.Duplicate is { } duplicate)
        {
            return Error.Conflict(duplicate.Code, duplicate.Message).ToProblem(new Dictionary<string, object?>
            {
                ["existingConversionId"] = duplicate.ExistingConversionId,
                ["errorId"] = duplicate.ErrorId,
            });
        }

        return TypedResults.Json(outcome.Value.Recorded, SeedJson, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Reads a camelCase body; what the framework would refuse for a snake_case body is refused the same way.</summary>
    internal static async Task<(T? Body, IResult? Problem)> ReadSeedJsonAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json."));
        }

        var missing = Error.Validation("body", "The request needs a JSON object body, such as {\"conversionTypeCode\": \"sale\", \"cid\": \"…\"}; it was empty or null.");
        if (request.ContentLength == 0)
        {
            return (null, missing.ToProblem());
        }

        try
        {
            return await request.ReadFromJsonAsync<T>(SeedJson, ct) is { } body ? (body, null) : (null, missing.ToProblem());
        }
        catch (JsonException json)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "invalid_json", BadRequestExceptionHandler.Describe(json)));
        }
    }

    private static IResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: "The request is invalid.",
            type: ProblemTypes.For(status),
            extensions: new Dictionary<string, object?> { ["code"] = code });
}
