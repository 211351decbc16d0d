using System.Collections.Immutable;

namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN210 (info): a string literal that spells a declared table name, index name or key attribute where the SDK
/// takes one, while the generated accessors exist. The code fix replaces it by the generated constant, which has the
/// same value, so behaviour does not change. The accessor is passed in the diagnostic's properties.
/// <c>[DynamoDBTable("Orders")]</c> is handled by a symbol action, once (<see cref="Sinks"/> skips attribute constructors).
/// </summary>
public sealed class UseGeneratedAccessorAnalyzer : DynamoAnalyzerBase
{
    /// <summary>Property key of the replacement expression.</summary>
    public const string AccessorKey = "Accessor";

    public UseGeneratedAccessorAnalyzer()
        : base(DiagnosticDescriptors.UseGeneratedAccessor)
    {
    }

    /// <summary>
    /// What <see cref="Sinks.Tables"/> reads (calls and constructors with a tableName or requestItems parameter, the
    /// assignments of those members), creations that can set Key or Item, and IndexName assignments.
    /// </summary>
    private static readonly NodeFilter TableSinks = NodeFilter.BySignature(
        parameters: new[] { "tableName", "requestItems" }, typeMembers: new[] { "TableName", "RequestItems", "Key", "Item" }, members: new[] { "TableName", "OverrideTableName", "RequestItems", "IndexName" });

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        if (catalog.AccessorRoot is null)
        {
            return;
        }

        start.RegisterOperationAction(
            TableSinks,
            ctx =>
            {
                foreach (var sink in ctx.Memo.Tables(ctx.Operation))
                {
                    // Table management (CreateTableRequest, DescribeTable...) is left alone, as by every other rule.
                    if (sink.Access == TableAccess.Control || sink.Value is not ILiteralOperation { ConstantValue.Value: string name } literal)
                    {
                        continue;
                    }

                    // OverrideTableName takes the logical name (the context adds the prefix): Name has the same value.
                    // Elsewhere the SDK sends the string as the AWS table name, so a logical-name literal there is a
                    // bug this rule must not cement; only the full name of a single-environment build has a twin.
                    bool logical = sink.Value.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "OverrideTableName" } };
                    if (logical && catalog.ByLogicalName(name) is { } table)
                    {
                        Report(ctx.ReportDiagnostic, catalog, literal, table.AccessorPath + ".Name", name);
                    }
                    else if (!logical && catalog.Namespaces.Count == 1 && catalog.Match(name) is { } declared
                        && name == declared.Spec.RenderedName(catalog.Namespaces[0]))
                    {
                        Report(ctx.ReportDiagnostic, catalog, literal, declared.AccessorPath + ".DeclaredTableName", name);
                    }
                }

                // Key attribute names in an inline Key/Item dictionary of a request for a declared table.
                if (ctx.Operation is IObjectCreationOperation creation && RequestContext.Sets(creation, "Key", "Item")
                    && RequestContext.From(ctx, catalog) is { Table: { } keyTable } request)
                {
                    foreach (var member in new[] { "Key", "Item" })
                    {
                        if (!request.Members.TryGetValue(member, out var dictionary))
                        {
                            continue;
                        }

                        foreach (var key in Sinks.DictionaryKeys(dictionary))
                        {
                            if (key is ILiteralOperation { ConstantValue.Value: string attribute } keyLiteral && keyTable.AttributeAccessor(attribute) is { } accessor)
                            {
                                Report(ctx.ReportDiagnostic, catalog, keyLiteral, accessor, attribute);
                            }
                        }
                    }
                }

                // Only where an index is read (Query, Scan and their configs): an IndexName that defines one (a
                // GlobalSecondaryIndex of a CreateTableRequest, an index update) is table management.
                if (ctx.Operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "IndexName" } property, Value: ILiteralOperation { ConstantValue.Value: string index } indexLiteral }
                    && DynamoSdk.IsDynamo(property.Property.ContainingType) && ReadsAnIndex(property.Instance?.Type ?? property.Property.ContainingType))
                {
                    var owners = catalog.TablesWithIndex(index).ToList();
                    if (owners.Count == 1)
                    {
                        Report(ctx.ReportDiagnostic, catalog, indexLiteral, owners[0].AccessorPath + ".Indexes." + owners[0].IndexIdentifiers[index], index);
                    }
                }
            },
            OperationKind.SimpleAssignment,
            OperationKind.ObjectCreation,
            OperationKind.Invocation);

        start.RegisterSymbolAction(
            ctx =>
            {
                var type = (INamedTypeSymbol)ctx.Symbol;
                if (DynamoSdk.FindAttribute(type, start.Sdk.TableAttribute) is not { ConstructorArguments.Length: > 0 } attribute
                    || attribute.ConstructorArguments[0].Value is not string name
                    || catalog.ByLogicalName(name) is not { } table
                    || attribute.ApplicationSyntaxReference?.GetSyntax(ctx.CancellationToken) is not Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
                    || syntax.ArgumentList.Arguments[0].Expression is not Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax literal)
                {
                    return;
                }

                var properties = ImmutableDictionary<string, string?>.Empty.Add(AccessorKey, table.AccessorPath + ".Name");
                ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UseGeneratedAccessor, literal.GetLocation(), properties, catalog.Display(table.AccessorPath + ".Name"), name));
            },
            SymbolKind.NamedType);
    }

    /// <summary>Whether the object is (or derives from, as <c>class OrdersQuery : QueryRequest</c> does) an SDK type that reads an index.</summary>
    private static bool ReadsAnIndex(ITypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (DynamoSdk.IsDynamo(t) && UnknownIndexAnalyzer.QueriesAnIndex(t))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reports IDPDYN210 on a literal; <see cref="KeyDictionaryAnalyzer"/> uses it for key attribute names too.</summary>
    internal static void Report(System.Action<Diagnostic> report, DynamoCatalog catalog, IOperation literal, string accessor, string value)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(AccessorKey, accessor);
        report(Diagnostic.Create(DiagnosticDescriptors.UseGeneratedAccessor, literal.Syntax.GetLocation(), properties, catalog.Display(accessor), value));
    }
}
