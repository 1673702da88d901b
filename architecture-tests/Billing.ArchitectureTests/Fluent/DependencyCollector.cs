using Mono.Cecil;

namespace Billing.ArchitectureTests.Fluent;

/// <summary>
/// Finds every type a type uses: its base type, interfaces, generic parameter constraints, custom attributes
/// (and their <c>typeof</c> arguments), fields, properties, events, method signatures and explicit overrides,
/// and in method bodies the local variables, catch clauses and every type, method, field or call site an
/// instruction names. Generic instances, arrays, by-ref, pointer, modifier and function pointer types are
/// taken apart down to the named types they are made of.
/// </summary>
internal sealed class DependencyCollector
{
    private readonly HashSet<TypeDependency> dependencies = [];

    /// <summary>
    /// The dependencies of <paramref name="parts"/>, a type together with the compiler-generated types nested in
    /// it, apart from the type itself and the types nested in it.
    /// </summary>
    public static IReadOnlySet<TypeDependency> Collect(string typeFullName, IEnumerable<TypeDefinition> parts)
    {
        var collector = new DependencyCollector();
        foreach (var part in parts)
        {
            collector.AddTypeDefinition(part);
        }

        return collector.dependencies
            .Where(dependency => dependency.FullName != typeFullName && !dependency.FullName.StartsWith(typeFullName + "+", StringComparison.Ordinal))
            .ToHashSet();
    }

    private void AddTypeDefinition(TypeDefinition type)
    {
        AddType(type.BaseType);
        AddAttributes(type);
        AddGenericParameters(type);
        foreach (var implementation in type.Interfaces)
        {
            AddType(implementation.InterfaceType);
            AddAttributes(implementation);
        }

        foreach (var field in type.Fields)
        {
            AddType(field.FieldType);
            AddAttributes(field);
        }

        foreach (var property in type.Properties)
        {
            AddType(property.PropertyType);
            AddAttributes(property);
            AddParameters(property.Parameters);
        }

        foreach (var @event in type.Events)
        {
            AddType(@event.EventType);
            AddAttributes(@event);
        }

        foreach (var method in type.Methods)
        {
            AddMethodDefinition(method);
        }
    }

    private void AddMethodDefinition(MethodDefinition method)
    {
        AddAttributes(method);
        AddType(method.ReturnType);
        AddAttributes(method.MethodReturnType);
        AddParameters(method.Parameters);
        AddGenericParameters(method);
        foreach (var overridden in method.Overrides)
        {
            AddMethodReference(overridden);
        }

        if (!method.HasBody)
        {
            return;
        }

        foreach (var variable in method.Body.Variables)
        {
            AddType(variable.VariableType);
        }

        foreach (var handler in method.Body.ExceptionHandlers)
        {
            AddType(handler.CatchType);
        }

        foreach (var instruction in method.Body.Instructions)
        {
            AddOperand(instruction.Operand);
        }
    }

    private void AddOperand(object? operand)
    {
        switch (operand)
        {
            case TypeReference type:
                AddType(type);
                break;
            case MethodReference method:
                AddMethodReference(method);
                break;
            case FieldReference field:
                AddType(field.DeclaringType);
                AddType(field.FieldType);
                break;
            case CallSite callSite:
                AddType(callSite.ReturnType);
                AddParameters(callSite.Parameters);
                break;
        }
    }

    private void AddMethodReference(MethodReference method)
    {
        AddType(method.DeclaringType);
        AddType(method.ReturnType);
        AddParameters(method.Parameters);
        if (method is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                AddType(argument);
            }
        }
    }

    private void AddParameters(IEnumerable<ParameterDefinition> parameters)
    {
        foreach (var parameter in parameters)
        {
            AddType(parameter.ParameterType);
            AddAttributes(parameter);
        }
    }

    private void AddGenericParameters(IGenericParameterProvider provider)
    {
        foreach (var parameter in provider.GenericParameters)
        {
            AddAttributes(parameter);
            foreach (var constraint in parameter.Constraints)
            {
                AddType(constraint.ConstraintType);
                AddAttributes(constraint);
            }
        }
    }

    private void AddAttributes(ICustomAttributeProvider provider)
    {
        if (!provider.HasCustomAttributes)
        {
            return;
        }

        foreach (var attribute in provider.CustomAttributes)
        {
            AddMethodReference(attribute.Constructor);
            foreach (var argument in attribute.ConstructorArguments)
            {
                AddAttributeArgument(argument);
            }

            foreach (var named in attribute.Fields.Concat(attribute.Properties))
            {
                AddAttributeArgument(named.Argument);
            }
        }
    }

    private void AddAttributeArgument(CustomAttributeArgument argument)
    {
        AddType(argument.Type);
        switch (argument.Value)
        {
            case TypeReference type:
                AddType(type);
                break;
            case CustomAttributeArgument boxed:
                AddAttributeArgument(boxed);
                break;
            case CustomAttributeArgument[] elements:
                foreach (var element in elements)
                {
                    AddAttributeArgument(element);
                }

                break;
        }
    }

    private void AddType(TypeReference? type)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                AddType(generic.ElementType);
                foreach (var argument in generic.GenericArguments)
                {
                    AddType(argument);
                }

                return;
            case IModifierType modified:
                AddType(modified.ModifierType);
                AddType(modified.ElementType);
                return;
            case FunctionPointerType pointer:
                AddType(pointer.ReturnType);
                AddParameters(pointer.Parameters);
                return;
            case TypeSpecification specification:
                AddType(specification.ElementType);
                return;
            default:
                dependencies.Add(new TypeDependency(CecilNames.FullName(type), CecilNames.AssemblyName(type)));
                return;
        }
    }
}
