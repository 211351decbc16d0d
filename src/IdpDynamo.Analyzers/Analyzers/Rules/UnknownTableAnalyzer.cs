using IdpDynamo.Analyzers.PartiQL;

namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN201: a table name (request TableName, tableName arguments, RequestItems keys, [DynamoDBTable], the table of a
/// PartiQL statement) that matches no table of the values files. Only resolved values are checked: constants and what <see cref="StringResolver"/> reads
/// from the code, and, through <see cref="ValueSources"/>, the arguments of the callers of private and internal
/// helpers (reported at the argument) and appsettings values of bound options and IConfiguration keys (reported at
/// the sink, with the JSON value as an additional location). Anything unresolved is never reported.
/// Table management calls (CreateTable in tests, for instance) are left alone: the chart owns the tables.
/// <c>[DynamoDBTable("X")]</c> is checked by a symbol action and reported once, on the attribute; <see cref="Sinks"/>
/// skips attribute constructors, which the driver analyzes as operations only when other actions ask for it.
/// </summary>
public sealed class UnknownTableAnalyzer : DynamoAnalyzerBase
{
    public UnknownTableAnalyzer()
        : base(DiagnosticDescriptors.UnknownTable)
    {
    }

    /// <summary>Reports <paramref name="value"/> when it names no declared table; true when it did.</summary>
    private static bool Check(DynamoOperationContext ctx, DynamoCatalog catalog, SourcedString value, IOperation sink)
    {
        var resolved = value.Value;
        if (resolved.Exact is { } exact && catalog.Match(exact) is null)
        {
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownTable, value.LocationOr(sink), value.AdditionalLocations, exact, catalog.DidYouMeanTable(exact) + value.Suffix));
            return true;
        }

        if (resolved.Exact is null && resolved.Tail is { } tail && !catalog.TailMatches(tail, out _))
        {
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownTable, value.LocationOr(sink), value.AdditionalLocations, "…" + tail, catalog.DidYouMeanTable(tail.TrimStart('-')) + value.Suffix));
            return true;
        }

        return false;
    }

    /// <summary>What <see cref="Sinks.Tables"/> reads: calls and constructors with a tableName or requestItems parameter, the assignments of those members.</summary>
    private static readonly NodeFilter TableSinks = NodeFilter.BySignature(
        parameters: new[] { "tableName", "requestItems" }, typeMembers: new[] { "TableName", "RequestItems" }, members: new[] { "TableName", "OverrideTableName", "RequestItems" });

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        var sources = ValueSources.Get(start.Context.Compilation, start.Context.Options);
        start.RegisterOperationAction(
            TableSinks,
            ctx =>
            {
                foreach (var sink in ctx.Memo.Tables(ctx.Operation))
                {
                    if (sink.Access == TableAccess.Control)
                    {
                        continue;
                    }

                    // The code's own value first; a caller's or an appsettings file's only when that is not exact and
                    // passes (a failing constant tail fails for every head, so its callers would only repeat it).
                    var values = sources.Resolve(sink.Value, ctx.CancellationToken);
                    if (Check(ctx, catalog, new SourcedString(values.Plain, null, null, null), sink.Value))
                    {
                        continue;
                    }

                    foreach (var value in values.Sourced)
                    {
                        Check(ctx, catalog, value, sink.Value);
                    }
                }
            },
            OperationKind.SimpleAssignment,
            OperationKind.ObjectCreation,
            OperationKind.Invocation);

        start.RegisterOperationAction(
            PartiQLSink.Filter,
            ctx =>
            {
                if (PartiQLSink.From(ctx.Operation, ctx.CancellationToken) is { } sink && PartiQLTables.Undeclared(sink.Statement.Table, catalog) is { } name)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownTable, sink.Locate(sink.Statement.Table), name, catalog.DidYouMeanTable(name.TrimStart('…', '-'))));
                }
            },
            OperationKind.SimpleAssignment);

        start.RegisterSymbolAction(
            ctx =>
            {
                var type = (INamedTypeSymbol)ctx.Symbol;
                if (DynamoSdk.FindAttribute(type, start.Sdk.TableAttribute) is not { } attribute || start.Sdk.TableNameOf(type) is not { } name)
                {
                    return;
                }

                if (catalog.Match(name) is null)
                {
                    var location = attribute.ApplicationSyntaxReference?.GetSyntax(ctx.CancellationToken).GetLocation() ?? type.Locations.FirstOrDefault();
                    ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownTable, location, name, catalog.DidYouMeanTable(name)));
                }
            },
            SymbolKind.NamedType);
    }
}
