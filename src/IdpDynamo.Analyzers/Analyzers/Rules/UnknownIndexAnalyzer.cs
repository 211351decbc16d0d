using IdpDynamo.Analyzers.PartiQL;
using IdpDynamo.Schema.Model;
using IdpDynamo.Schema.Text;

namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN202: an index name that the named table does not declare (or that no table declares when the table is
/// unresolved), in request objects, in the <c>FROM "table"."index"</c> of a PartiQL SELECT and in DataModel index
/// attributes; an LSI attribute naming a GSI and vice versa.
/// IDPDYN203: <c>ConsistentRead = true</c> with a global secondary index.
/// </summary>
public sealed class UnknownIndexAnalyzer : DynamoAnalyzerBase
{
    public UnknownIndexAnalyzer()
        : base(DiagnosticDescriptors.UnknownIndex, DiagnosticDescriptors.ConsistentReadOnGsi)
    {
    }

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        var sources = ValueSources.Get(start.Context.Compilation, start.Context.Options);
        start.RegisterOperationAction(
            IndexReaders,
            ctx =>
            {
                var creation = (IObjectCreationOperation)ctx.Operation;
                if (creation.Type is not { } type || !QueriesAnIndex(type) || !RequestContext.Sets(creation, "IndexName"))
                {
                    return;
                }

                var request = RequestContext.From(ctx, catalog);
                if (request is null || !request.Members.TryGetValue("IndexName", out var indexValue))
                {
                    return;
                }

                // The code's own name, else each caller's or appsettings file's (reported at the argument, or with the JSON value).
                var values = sources.Resolve(indexValue, ctx.CancellationToken);
                var names = values.Plain.Exact is not null ? new[] { new SourcedString(values.Plain, null, null, null) } : values.Sourced.Where(v => v.Value.Exact is not null);
                foreach (var name in names)
                {
                    Check(ctx, catalog, start.Sdk, request, indexValue, name);
                }
            },
            OperationKind.ObjectCreation);

        start.RegisterOperationAction(
            PartiQLSink.Filter,
            ctx =>
            {
                if (PartiQLSink.From(ctx.Operation, ctx.CancellationToken) is not { Statement.Index: { Exact: { } index } indexName } sink)
                {
                    return;
                }

                var statement = sink.Statement;
                if (PartiQLTables.Resolve(statement.Table, catalog) is { } table)
                {
                    if (!table.Indexes.ContainsKey(index) && !table.Indexes.Keys.Any(k => PartiQLTables.DiffersOnlyInCase(indexName, k)))
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownIndex, sink.Locate(indexName), index, $"table '{table.Name}'",
                            Suggestions.DidYouMeanAny(index, table.Indexes.Keys)));
                    }
                }
                else if (statement.Table.Exact is null && (indexName.IsQuoted || !catalog.Tables.SelectMany(t => t.Indexes.Keys).Any(k => PartiQLTables.DiffersOnlyInCase(indexName, k))))
                {
                    // An undeclared table is IDPDYN201's; an unknown one must still have the index somewhere.
                    ReportIfNowhere(ctx, catalog, index, sink.Locate(indexName));
                }
            },
            OperationKind.SimpleAssignment);

        start.RegisterSymbolAction(
            ctx =>
            {
                var sdk = start.Sdk;
                if (sdk.TableNameOf(ctx.Symbol.ContainingType) is not { } name || catalog.Match(name) is not { } table)
                {
                    return;
                }

                foreach (var attribute in ctx.Symbol.GetAttributes())
                {
                    IndexKind? kind = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, sdk.LsiRangeKeyAttribute) ? IndexKind.Local
                        : SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, sdk.GsiHashKeyAttribute) || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, sdk.GsiRangeKeyAttribute) ? IndexKind.Global
                        : null;
                    if (kind is null)
                    {
                        continue;
                    }

                    var location = attribute.ApplicationSyntaxReference?.GetSyntax(ctx.CancellationToken).GetLocation() ?? ctx.Symbol.Locations.FirstOrDefault();
                    foreach (var index in IndexNames(attribute))
                    {
                        if (!table.Indexes.TryGetValue(index, out var spec))
                        {
                            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownIndex, location, index, $"table '{table.Name}'", Suggestions.DidYouMeanAny(index, table.Indexes.Keys)));
                        }
                        else if (spec.Kind != kind)
                        {
                            string declared = spec.Kind == IndexKind.Local ? "a local" : "a global";
                            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownIndex, location, index, $"table '{table.Name}' as {(kind == IndexKind.Local ? "a local" : "a global")} secondary index",
                                $"; the values file declares it as {declared} secondary index"));
                        }
                    }
                }
            },
            SymbolKind.Property,
            SymbolKind.Field);
    }

    private static void Check(DynamoOperationContext ctx, DynamoCatalog catalog, DynamoSdk sdk, RequestContext request, IOperation indexValue, SourcedString name)
    {
        string index = name.Value.Exact!;

        // An index name replaced later (request.IndexName = ...) is not the one sent.
        if (!request.IsNotReassigned(ctx.CancellationToken, "IndexName"))
        {
            return;
        }

        var location = name.LocationOr(indexValue);
        bool namesATable = request.Members.ContainsKey("TableName");
        if (request.Table is { } table && request.IsNotReassigned(ctx.CancellationToken, "TableName", "IndexName", "ConsistentRead"))
        {
            if (!table.Indexes.TryGetValue(index, out var spec))
            {
                ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownIndex, location, name.AdditionalLocations, index, $"table '{table.Name}'",
                    Suggestions.DidYouMeanAny(index, table.Indexes.Keys) + name.Suffix));
            }
            else if (spec.Kind == IndexKind.Global && request.IsTrue("ConsistentRead"))
            {
                ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConsistentReadOnGsi, request.Members["ConsistentRead"].Syntax.GetLocation(), name.AdditionalLocations, index, table.Name));
            }
        }
        else if (request.Table is null && OneTable(request, sdk, catalog, ctx.CancellationToken) is { } one)
        {
            // Only one declared table can be meant: its indexes decide, even when the values files declare none.
            if (!one.Indexes.ContainsKey(index))
            {
                ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownIndex, location, name.AdditionalLocations, index, $"table '{one.Name}'",
                    Suggestions.DidYouMeanAny(index, one.Indexes.Keys) + name.Suffix));
            }
        }
        else if (!namesATable || request.Table is not null || StringResolver.Resolve(request.Members["TableName"], ctx.CancellationToken).Exact is null)
        {
            // The table is not known here (a config object, or a name from configuration): the index must exist somewhere.
            ReportIfNowhere(ctx, catalog, index, location, name.AdditionalLocations, name.Suffix);
        }
    }

    /// <summary>
    /// The one declared table a request whose TableName is not resolved exactly can be sent to: a constant tail only
    /// one declared table ends with (<c>_prefix + "Orders"</c>), or, for an operation config without TableName or
    /// OverrideTableName passed straight to a generic DataModel call (<c>QueryAsync&lt;Order&gt;(…, config)</c>), the
    /// table of the entity's [DynamoDBTable]. Null when the code may change the names later.
    /// </summary>
    private static CatalogTable? OneTable(RequestContext request, DynamoSdk sdk, DynamoCatalog catalog, System.Threading.CancellationToken cancellationToken)
    {
        if (request.Members.TryGetValue("TableName", out var tableName))
        {
            return request.IsNotReassigned(cancellationToken, "TableName", "IndexName") ? catalog.Resolve(tableName, cancellationToken) : null;
        }

        if (request.Members.ContainsKey("OverrideTableName")
            || request.Creation.Parent is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { IsGenericMethod: true } method } }
            || !DynamoSdk.IsDynamo(method.ContainingType) || method.TypeArguments.Length != 1)
        {
            return null;
        }

        return sdk.TableNameOf(method.TypeArguments[0]) is { } name ? catalog.Match(name) : null;
    }

    private static void ReportIfNowhere(DynamoOperationContext ctx, DynamoCatalog catalog, string index, Location location, IEnumerable<Location>? additionalLocations = null, string suffix = "")
    {
        var all = catalog.Tables.SelectMany(t => t.Indexes.Keys).Distinct().ToList();
        if (all.Count > 0 && !all.Contains(index))
        {
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownIndex, location, additionalLocations, index, "any table of the values files", Suggestions.DidYouMeanAny(index, all) + suffix));
        }
    }

    /// <summary>
    /// The objects whose IndexName selects a secondary index to read: Query/Scan requests and the Document and
    /// DataModel query/scan configurations. Table management objects (GlobalSecondaryIndex in a CreateTableRequest,
    /// the index update actions) define indexes rather than use them, and vector indexes (SearchVectors*) are not
    /// secondary indexes of the values file, so their IndexName is not checked.
    /// </summary>
    internal static bool QueriesAnIndex(ITypeSymbol type) => Array.IndexOf(IndexReaderTypes, type.Name) >= 0;

    private static readonly string[] IndexReaderTypes =
    {
        "QueryRequest", "ScanRequest", "QueryOperationConfig", "ScanOperationConfig", "QueryDocumentOperationRequest", "ScanDocumentOperationRequest",
        "QueryConfig", "ScanConfig", "DynamoDBOperationConfig",
    };

    /// <summary>The callback's first check (<see cref="QueriesAnIndex"/>) by name: the creation of one of these types.</summary>
    private static readonly NodeFilter IndexReaders = NodeFilter.Create(types: IndexReaderTypes);

    private static System.Collections.Generic.IEnumerable<string> IndexNames(AttributeData attribute)
    {
        foreach (var argument in attribute.ConstructorArguments)
        {
            // Value throws on an array constant (the params string[] constructors), so test the kind first.
            if (argument.Kind == TypedConstantKind.Primitive && argument.Value is string single)
            {
                yield return single;
            }
            else if (argument.Kind == TypedConstantKind.Array)
            {
                foreach (var item in argument.Values)
                {
                    if (item.Value is string name)
                    {
                        yield return name;
                    }
                }
            }
        }

        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "IndexNames" && named.Value.Kind == TypedConstantKind.Array)
            {
                foreach (var item in named.Value.Values)
                {
                    if (item.Value is string name)
                    {
                        yield return name;
                    }
                }
            }
        }
    }
}
