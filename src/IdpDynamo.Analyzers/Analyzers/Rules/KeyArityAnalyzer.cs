namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN208: a DataModel call that passes key values by position (<c>LoadAsync&lt;T&gt;(hash)</c>,
/// <c>DeleteAsync&lt;T&gt;(hash, range)</c>, the synchronous forms too) with the wrong number for T's table: only
/// the hash key on a table with a sort key (the SDK throws "Unable to convert range key value"), or a range key on
/// a table without one.
/// </summary>
public sealed class KeyArityAnalyzer : DynamoAnalyzerBase
{
    public KeyArityAnalyzer()
        : base(DiagnosticDescriptors.KeyArity)
    {
    }

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        start.RegisterOperationAction(
            DataModelKeyCalls,
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                if (!DynamoSdk.IsDynamo(method.ContainingType) || method.Name is not ("Load" or "LoadAsync" or "Delete" or "DeleteAsync") || method.TypeArguments.Length != 1)
                {
                    return;
                }

                bool passesHash = false, passesRange = false;
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.Explicit)
                    {
                        passesHash |= argument.Parameter?.Name == "hashKey";
                        passesRange |= argument.Parameter?.Name == "rangeKey";
                    }
                }

                if (!passesHash)
                {
                    return; // the entity overloads (LoadAsync(T keyObject), DeleteAsync(T value)) carry the key themselves
                }

                // An operation config may redirect the call to another table (OverrideTableName); only an inline config
                // that does not is trusted (a config built elsewhere could set it).
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Name is not ("hashKey" or "rangeKey" or "cancellationToken")
                        && !IsConfigWithoutOverride(argument.Value))
                    {
                        return;
                    }
                }

                if (start.Sdk.TableNameOf(method.TypeArguments[0]) is not { } name || catalog.Match(name) is not { } table || table.HashKey is null)
                {
                    return;
                }

                if (table.RangeKey is not null && !passesRange)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyArity, invocation.Syntax.GetLocation(),
                        $"Table '{table.Name}' has key ({table.HashKey}, {table.RangeKey}) but this {method.Name} passes only the hash key; pass the range key too"));
                }
                else if (table.RangeKey is null && passesRange)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyArity, invocation.Syntax.GetLocation(),
                        $"Table '{table.Name}' has only the hash key '{table.HashKey}' but this {method.Name} also passes a range key"));
                }
            },
            OperationKind.Invocation);
    }

    /// <summary>The callback's first check: only these DataModel methods take the key by position.</summary>
    private static readonly NodeFilter DataModelKeyCalls = NodeFilter.Create(methods: new[] { "Load", "LoadAsync", "Delete", "DeleteAsync" });

    private static bool IsConfigWithoutOverride(IOperation value)
    {
        value = RequestContext.Unwrap(value);
        return value.ConstantValue is { HasValue: true, Value: null }
               || value is IDefaultValueOperation
               || value is IObjectCreationOperation creation && !Sinks.Members(creation).ContainsKey("OverrideTableName");
    }
}
