using System.Collections.Generic;
using System.Linq;
using System.Threading;
using IdpDynamo.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace IdpDynamo.Analyzers.Analyzers;

/// <summary>
/// IDPDYN205: a key dictionary built inline (<c>Key = new() { ["Id"] = new AttributeValue { S = id } }</c>) for a
/// declared table whose names are not exactly the table's hash and range key, or whose AttributeValue kind (S/N/B)
/// differs from the declared type; and a PutItem <c>Item</c> without a key attribute. Covers request objects,
/// transaction items and the client's convenience overloads. Dictionaries built elsewhere are not checked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyDictionaryAnalyzer : DynamoAnalyzerBase
{
    public KeyDictionaryAnalyzer()
        : base(DiagnosticDescriptors.KeyMismatch)
    {
    }

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        start.RegisterOperationAction(
            ctx =>
            {
                if (ctx.Operation is IObjectCreationOperation creation && RequestContext.From(creation, catalog, ctx.CancellationToken) is { Table: { } table } request)
                {
                    // A key or item the code fills further after the initializer (request.Key["OrderDate"] = ...)
                    // is only complete there: check it only when nothing can change it before the SDK sees it.
                    if (request.Members.TryGetValue("Key", out var key) && request.IsFinal("Key", "TableName"))
                    {
                        CheckKey(ctx, table, key, start.Sdk);
                    }

                    if (request.Members.TryGetValue("Item", out var item) && request.IsFinal("Item", "TableName"))
                    {
                        CheckItem(ctx, table, item, start.Sdk);
                    }
                }
                else if (ctx.Operation is IInvocationOperation invocation && DynamoSdk.IsDynamo(invocation.TargetMethod.ContainingType))
                {
                    var target = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "tableName") is { } t
                        && StringResolver.Resolve(t.Value, ctx.CancellationToken).Exact is { } name ? catalog.Match(name) : null;
                    if (target is null)
                    {
                        return;
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Name == "key")
                        {
                            CheckKey(ctx, target, argument.Value, start.Sdk);
                        }
                        else if (argument.Parameter?.Name == "item")
                        {
                            CheckItem(ctx, target, argument.Value, start.Sdk);
                        }
                    }
                }
            },
            OperationKind.ObjectCreation,
            OperationKind.Invocation);
    }

    private static List<(string Name, IOperation Key, IOperation Value)>? ReadInline(IOperation dictionary, CancellationToken cancellationToken)
    {
        if (!Sinks.IsFullyInline(dictionary))
        {
            return null;
        }

        var entries = new List<(string, IOperation, IOperation)>();
        foreach (var (key, value) in Sinks.DictionaryEntries(dictionary))
        {
            if (StringResolver.Resolve(key, cancellationToken).Exact is not { } name)
            {
                return null;
            }

            entries.Add((name, key, value));
        }

        return entries;
    }

    private static void CheckKey(OperationAnalysisContext ctx, CatalogTable table, IOperation dictionary, DynamoSdk sdk)
    {
        if (table.HashKey is null || ReadInline(dictionary, ctx.CancellationToken) is not { } entries)
        {
            return;
        }

        var expected = table.RangeKey is null ? new[] { table.HashKey } : new[] { table.HashKey, table.RangeKey };
        var actual = entries.Select(e => e.Name).ToArray();
        if (!expected.OrderBy(n => n, System.StringComparer.Ordinal).SequenceEqual(actual.OrderBy(n => n, System.StringComparer.Ordinal)))
        {
            string missing = string.Join(", ", expected.Except(actual));
            string extra = string.Join(", ", actual.Except(expected));
            string detail = (missing.Length > 0 ? $"missing {missing}" : string.Empty) + (missing.Length > 0 && extra.Length > 0 ? "; " : string.Empty) + (extra.Length > 0 ? $"not a key: {extra}" : string.Empty);
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyMismatch, dictionary.Syntax.GetLocation(),
                $"The key of table '{table.Name}' is ({string.Join(", ", expected)}) but this dictionary has ({string.Join(", ", actual)}): {detail}"));
            return;
        }

        CheckKinds(ctx, table, entries, sdk);
    }

    private static void CheckItem(OperationAnalysisContext ctx, CatalogTable table, IOperation dictionary, DynamoSdk sdk)
    {
        if (table.HashKey is null || ReadInline(dictionary, ctx.CancellationToken) is not { } entries)
        {
            return;
        }

        var names = entries.Select(e => e.Name).ToList();
        var missing = new[] { table.HashKey, table.RangeKey }.Where(k => k is not null && !names.Contains(k)).ToList();
        if (missing.Count > 0)
        {
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyMismatch, dictionary.Syntax.GetLocation(),
                $"This item for table '{table.Name}' lacks its key attribute{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)}; DynamoDB rejects an item without its full key"));
            return;
        }

        CheckKinds(ctx, table, entries.Where(e => e.Name == table.HashKey || e.Name == table.RangeKey).ToList(), sdk);
    }

    private static void CheckKinds(OperationAnalysisContext ctx, CatalogTable table, List<(string Name, IOperation Key, IOperation Value)> entries, DynamoSdk sdk)
    {
        foreach (var (name, _, value) in entries)
        {
            string? declared = table.TypeOf(name);
            string? kind = KindOf(value, sdk);
            if (declared is "S" or "N" or "B" && kind is not null && kind != declared)
            {
                ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyMismatch, value.Syntax.GetLocation(),
                    $"Key attribute '{name}' of table '{table.Name}' is declared as type '{declared}' but this AttributeValue sets {kind}; DynamoDB rejects the key"));
            }
        }
    }

    /// <summary>The AttributeValue member set by an inline <c>new AttributeValue { X = ... }</c> or <c>new AttributeValue("s")</c>.</summary>
    private static string? KindOf(IOperation value, DynamoSdk sdk)
    {
        value = RequestContext.Unwrap(value);
        if (value is not IObjectCreationOperation creation || !SymbolEqualityComparer.Default.Equals(creation.Type, sdk.AttributeValue))
        {
            return null;
        }

        if (creation.Arguments.Length == 1 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
        {
            return "S";
        }

        var set = creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>()
            .Select(a => (a.Target as IPropertyReferenceOperation)?.Property.Name)
            .Where(n => n is "S" or "N" or "B" or "BOOL" or "SS" or "NS" or "BS" or "L" or "M" or "NULL")
            .ToList();
        return set is { Count: 1 } ? set[0] : null;
    }
}
