using System.ComponentModel;
using Billing.Fixture.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Billing.Fixture.Domain;

// Planted: each type below reaches a forbidden dependency through one part of a type, so that the
// domain rule shows that its dependency scan sees that part.

/// <summary>Only its method bodies use EF Core (a type test on a generic instance) and MediatR (a static field).</summary>
internal static class ViaMethodBody
{
    public static bool IsEntitySet(object candidate) => candidate is DbSet<PureAggregate>;

    public static object NoResult() => Unit.Value;
}

/// <summary>Only a field's type is an EF Core type (the field is assigned elsewhere, by the host fixture).</summary>
internal sealed class ViaField
{
    public DbContext? Context;
}

/// <summary>Only an auto-property is of a MediatR type.</summary>
internal sealed class ViaProperty
{
    public IMediator? Mediator { get; init; }
}

/// <summary>Derives from a FluentValidation type.</summary>
internal sealed class ViaBaseType : AbstractValidator<PureAggregate>;

/// <summary>Implements a MediatR marker interface.</summary>
internal sealed class ViaInterface : INotification;

/// <summary>Only a generic argument of a return type is a MediatR type.</summary>
internal static class ViaGenericArgument
{
    public static IEnumerable<IRequest<int>>? None() => null;
}

/// <summary>Only a parameter is of an ASP.NET Core type.</summary>
internal static class ViaParameter
{
    public static bool Accepts(HttpContext context) => context is not null;
}

/// <summary>Only a by-reference parameter is of an EF Core type.</summary>
internal static class ViaByRefParameter
{
    public static void Clear(ref DbContext? context) => context = null;
}

/// <summary>Only an array parameter's element is of an EF Core type.</summary>
internal static class ViaArray
{
    public static int Count(DbContext[] contexts) => contexts.Length;
}

/// <summary>Only a return type is an EF Core type.</summary>
internal static class ViaReturnType
{
    public static DbContext? Nothing() => null;
}

/// <summary>Only a generic method's constraint is an EF Core type.</summary>
internal static class ViaMethodConstraint
{
    public static bool IsSet<TContext>(TContext? context)
        where TContext : DbContext => context is not null;
}

/// <summary>Only a generic type's constraint is a MediatR type.</summary>
internal sealed class ViaTypeConstraint<TMediator>
    where TMediator : IMediator;

/// <summary>Only an attribute is an EF Core type.</summary>
[Keyless]
internal sealed class ViaAttribute;

/// <summary>Only a <c>typeof</c> argument of an attribute is an EF Core type.</summary>
[TypeConverter(typeof(DbContext))]
internal sealed class ViaAttributeArgument;

/// <summary>A local variable (kept across a <c>using</c>) is of an EF Core type.</summary>
internal static class ViaLocalVariable
{
    public static int Dispose(Func<DbContext> create)
    {
        using DbContext context = create();
        return 0;
    }
}

/// <summary>Only a catch clause names an EF Core type.</summary>
internal static class ViaCatchClause
{
    public static bool TrySave(Func<int> save)
    {
        try
        {
            return save() > 0;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}

/// <summary>Only a generic method's type argument in a method body is a MediatR type.</summary>
internal static class ViaGenericMethodArgument
{
    public static int CountNone() => Enumerable.Empty<IMediator>().Count();
}

/// <summary>Only a method body names a nested EF Core type.</summary>
internal static class ViaNestedType
{
    public static Type Category() => typeof(DbLoggerCategory.Database);
}

/// <summary>Only a lambda (compiled into a nested compiler-generated class) uses EF Core.</summary>
internal static class ViaLambda
{
    public static Func<object, bool> Probe() => candidate => candidate is DbContext;
}

/// <summary>Only a capturing lambda (compiled into a display class) uses MediatR.</summary>
internal static class ViaClosure
{
    public static Func<bool> Probe(object candidate) => () => candidate is IMediator;
}

/// <summary>Only an async method (compiled into a state machine) uses EF Core after an await.</summary>
internal static class ViaAsyncStateMachine
{
    public static async Task<bool> ProbeAsync(object candidate)
    {
        await Task.Yield();
        return candidate is DbContext;
    }
}

/// <summary>Only an iterator (compiled into a state machine) uses FluentValidation.</summary>
internal static class ViaIterator
{
    public static IEnumerable<bool> Probe(IEnumerable<object> candidates)
    {
        foreach (object candidate in candidates)
        {
            yield return candidate is IValidator;
        }
    }
}

/// <summary>Only an event's type is an EF Core type.</summary>
internal sealed class ViaEvent
{
    public event EventHandler<SavingChangesEventArgs>? SavingChanges
    {
        add { }
        remove { }
    }
}

/// <summary>Only a method body names a type of the module's own Infrastructure namespace.</summary>
internal static class ViaInfrastructureNamespace
{
    public static Type Persistence() => typeof(FixtureDbContext);
}

/// <summary>A clean domain type: plain C# only.</summary>
internal sealed class PureAggregate
{
    public decimal Total { get; private set; }

    public void Add(decimal amount) => Total += amount;
}
