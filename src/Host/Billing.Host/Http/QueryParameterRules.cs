using System.Globalization;
using System.Reflection;
using Billing.SharedKernel;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Host.Http;

/// <summary>
/// The query string of an API operation is as strict as its body (issue 14): a parameter the operation does not
/// declare, one given twice, or a value its type cannot hold is refused with 400 <c>validation_failed</c> naming the
/// parameter, before anything is bound. An operation's query parameters are its handler's parameters that bind
/// from the query: strings and parsable values that are not route values, services or the body.
/// </summary>
internal sealed class QueryParameterRules(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api")
            && context.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
        {
            var declared = QueryParametersOf(handler, endpoint);
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (name, values) in context.Request.Query)
            {
                if (!declared.TryGetValue(name, out var type))
                {
                    errors[name] = [declared.Count == 0
                        ? $"'{name}' is not a query parameter; this operation takes none."
                        : $"'{name}' is not a query parameter of this operation; it takes {string.Join(", ", declared.Keys.Order(StringComparer.Ordinal))}."];
                }
                else if (values.Count > 1)
                {
                    errors[name] = [$"'{name}' is given {values.Count} times; give it once."];
                }
                else if (!Parses(values.ToString(), type))
                {
                    errors[name] = [$"'{name}' must be {Describe(type)}."];
                }
            }

            if (errors.Count > 0)
            {
                await Error.Validation(errors).ToProblem().ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }

    /// <summary>The parameters that bind from the query string, by name (case-insensitive, as the binder reads them).</summary>
    internal static Dictionary<string, Type> QueryParametersOf(MethodInfo handler, RouteEndpoint endpoint)
    {
        var route = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return handler.GetParameters()
            .Where(p => p.Name is not null && !route.Contains(p.Name) && IsBoundFromQuery(p))
            .ToDictionary(QueryNameOf, p => Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The name a parameter binds from in the query: its <c>[FromQuery(Name = …)]</c>, else its own name.</summary>
    private static string QueryNameOf(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!;

    private static bool IsBoundFromQuery(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttributes().Any(a => a is FromBodyAttribute or FromServicesAttribute or FromHeaderAttribute or FromRouteAttribute))
        {
            return false;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type == typeof(string) || ParseMethod(type) is not null;
    }

    private static MethodInfo? ParseMethod(Type type) =>
        type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);

    private static bool Parses(string value, Type type)
    {
        if (type == typeof(string))
        {
            return true;
        }

        object?[] arguments = [value, CultureInfo.InvariantCulture, null];
        return ParseMethod(type)!.Invoke(null, arguments) is true;
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) => $"a whole number from {int.MinValue} to {int.MaxValue}",
        _ when type == typeof(long) => $"a whole number from {long.MinValue} to {long.MaxValue}",
        _ => $"a valid {type.Name}",
    };
}
