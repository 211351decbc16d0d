namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>A place where C# names a table: the value expression and how the call uses the table.</summary>
internal readonly record struct TableSink(IOperation Value, TableAccess Access);

/// <summary>
/// Finds the places code passes a table name (sinks): <c>TableName</c>/<c>OverrideTableName</c> assignments (initializers included),
/// <c>tableName</c> arguments of SDK constructors and methods, and the keys of <c>RequestItems</c> dictionaries.
/// </summary>
internal static class Sinks
{
    public static IEnumerable<TableSink> Tables(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when DynamoSdk.IsDynamo(property.Property.ContainingType):
                // The object's own type, not the declaring one: OverrideTableName is declared on BaseOperationConfig,
                // but whether it is a write depends on SaveConfig vs LoadConfig.
                var type = property.Instance?.Type as INamedTypeSymbol ?? property.Property.ContainingType;
                if (DynamoSdk.IsSource(type))
                {
                    yield break;
                }

                if (property.Property.Name is "TableName" or "OverrideTableName")
                {
                    yield return new TableSink(assignment.Value, DynamoSdk.AccessOfType(type));
                }
                else if (property.Property.Name == "RequestItems")
                {
                    foreach (var key in DictionaryKeys(assignment.Value))
                    {
                        yield return new TableSink(key, DynamoSdk.AccessOfType(type));
                    }
                }

                break;
            // An attribute's constructor call ([DynamoDBTable("X")]) is checked once, by the symbol actions.
            case IObjectCreationOperation creation when DynamoSdk.IsDynamo(creation.Constructor?.ContainingType) && creation.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax:
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter?.Name == "tableName")
                    {
                        yield return new TableSink(argument.Value, DynamoSdk.AccessOfType(creation.Constructor!.ContainingType));
                    }
                    else if (argument.Parameter?.Name == "requestItems")
                    {
                        foreach (var key in DictionaryKeys(argument.Value))
                        {
                            yield return new TableSink(key, DynamoSdk.AccessOfType(creation.Constructor!.ContainingType));
                        }
                    }
                }

                break;
            case IInvocationOperation invocation when DynamoSdk.IsDynamo(invocation.TargetMethod.ContainingType):
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == "tableName")
                    {
                        yield return new TableSink(argument.Value, DynamoSdk.AccessOfName(invocation.TargetMethod.Name));
                    }
                    else if (argument.Parameter?.Name == "requestItems")
                    {
                        foreach (var key in DictionaryKeys(argument.Value))
                        {
                            yield return new TableSink(key, DynamoSdk.AccessOfName(invocation.TargetMethod.Name));
                        }
                    }
                }

                break;
        }
    }

    /// <summary>The key expressions of a dictionary built inline: <c>{ ["k"] = v }</c> or <c>{ { "k", v } }</c>.</summary>
    public static IEnumerable<IOperation> DictionaryKeys(IOperation value) => DictionaryEntries(value).Select(e => e.Key);

    /// <summary>
    /// Key and value expressions of a dictionary built inline, or of a local dictionary built and completed where
    /// <see cref="LocalFlow.LocalDictionary"/> can follow it; empty otherwise.
    /// </summary>
    public static IEnumerable<(IOperation Key, IOperation Value)> DictionaryEntries(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        if (value is ILocalReferenceOperation local)
        {
            foreach (var entry in LocalFlow.LocalDictionary(local) ?? System.Array.Empty<(IOperation, IOperation)>())
            {
                yield return entry;
            }

            yield break;
        }

        if (value is not IObjectCreationOperation { Initializer: { } initializer })
        {
            yield break;
        }

        foreach (var element in initializer.Initializers)
        {
            switch (element)
            {
                case IInvocationOperation { Arguments.Length: 2 } add:
                    yield return (add.Arguments[0].Value, add.Arguments[1].Value);
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } assignment:
                    yield return (indexer.Arguments[0].Value, assignment.Value);
                    break;
            }
        }
    }

    /// <summary>
    /// Whether a dictionary has only entries we can read (no spreads, no loops): built inline, or a local that
    /// <see cref="LocalFlow.LocalDictionary"/> follows to its last entry.
    /// </summary>
    public static bool IsFullyInline(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        if (value is ILocalReferenceOperation local)
        {
            return LocalFlow.LocalDictionary(local) is not null;
        }

        // new Dictionary<,>(other) { ... } starts from entries that are not written here; only a capacity or a
        // comparer may be passed to the constructor.
        return value is IObjectCreationOperation { Initializer: { } initializer } creation
            && creation.Arguments.All(a => a.Value.Type is { SpecialType: SpecialType.System_Int32 } or { Name: "IEqualityComparer" or "StringComparer" })
            && initializer.Initializers.All(e => e is IInvocationOperation { Arguments.Length: 2 } or ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } });
    }

    /// <summary>
    /// The members set on a request object, from constructor arguments (by parameter name, first letter upper-cased)
    /// and its object initializer. Empty for anything else.
    /// </summary>
    public static Dictionary<string, IOperation> Members(IObjectCreationOperation creation)
    {
        var members = new Dictionary<string, IOperation>(System.StringComparer.Ordinal);
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is { } p && p.Name.Length > 0 && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                members[char.ToUpperInvariant(p.Name[0]) + p.Name.Substring(1)] = argument.Value;
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var element in initializer.Initializers)
            {
                if (element is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 0 } target } assignment)
                {
                    members[target.Property.Name] = assignment.Value;
                }
            }
        }

        return members;
    }

    /// <summary>The object creation whose initializer contains <paramref name="assignment"/>, if any.</summary>
    public static IObjectCreationOperation? InitializedObject(IOperation assignment)
        => assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } ? creation : null;
}
