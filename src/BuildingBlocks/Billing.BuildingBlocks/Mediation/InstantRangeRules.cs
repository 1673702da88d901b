using Billing.SharedKernel;
using FluentValidation;

namespace Billing.BuildingBlocks.Mediation;

/// <summary>The accepted range of instants (<see cref="InstantRange"/>, issue 14 item 1) as a validator rule, for optional filters.</summary>
public static class InstantRangeRules
{
    /// <summary>Refuses an instant outside the accepted range, naming the field; an absent value passes.</summary>
    public static IRuleBuilderOptions<T, DateTimeOffset?> WithinInstantRange<T>(this IRuleBuilder<T, DateTimeOffset?> rule, string field) =>
        rule.Must(instant => instant is null || InstantRange.Contains(instant.Value)).WithMessage(InstantRange.InstantRule(field));
}
