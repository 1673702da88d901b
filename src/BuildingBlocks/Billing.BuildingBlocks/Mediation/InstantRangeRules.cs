using Billing.SharedKernel;
using FluentValidation;

namespace Billing.BuildingBlocks.Mediation;

/// <summary>The accepted range of instants (<see cref="InstantRange"/>, issue 14 item 1) as a validator rule, for optional filters.</summary>
public static class InstantRangeRules
{
    /// <summary>Refuses an instant outside the accepted range, naming the field; an absent value passes.</summary>
    public static IRuleBuilderOptions<T, DateTimeOffset?> WithinInstantRange<T>(this IRuleBuilder<T, DateTimeOffset?> rule, string field) =>
        rule.Must(instant => instant is null || InstantRange.Contains(instant.Value)).WithMessage(InstantRange.InstantRule(field));

    /// <summary>
    /// A list's creation window as /api names its ends (issue 16, issue 20): <c>created_from</c> and <c>created_to</c>
    /// each an instant of the accepted range, and a half-open window ending after it starts. (The Recurly surface checks
    /// its <c>begin_time</c> and <c>end_time</c> where it reads them; a closed window that ends before it starts lists
    /// nothing.) No window passes.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, CreatedRange?> ValidCreatedRange<T>(this IRuleBuilder<T, CreatedRange?> rule) =>
        rule.Custom((range, context) =>
        {
            if (range is null)
            {
                return;
            }

            if (range.From is { } from && !InstantRange.Contains(from))
            {
                context.AddFailure("created_from", InstantRange.InstantRule("created_from"));
            }

            if (range.To is { } to && !InstantRange.Contains(to))
            {
                context.AddFailure("created_to", InstantRange.InstantRule("created_to"));
            }

            if (!range.ToIncluded && range is { From: { } start, To: { } end } && end <= start)
            {
                context.AddFailure("created_to", "created_to must be after created_from.");
            }
        });
}
