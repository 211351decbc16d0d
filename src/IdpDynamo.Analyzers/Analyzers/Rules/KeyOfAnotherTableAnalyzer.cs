namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN214: a generated <c>Key(...)</c> of one table (<c>DynamoTables.Sessions.Key(id)</c>) as the key of a request to
/// another declared table (request objects with <c>TableName</c> and <c>Key</c>, and the client's
/// <c>(tableName, key)</c> overloads), when the two tables' key schemas differ in an attribute name or type: DynamoDB
/// rejects such a key with a ValidationException. Tables with the same key schema stay silent (the key works), and so
/// does anything whose table is not known at compile time or that the code can still change after the initializer.
/// </summary>
public sealed class KeyOfAnotherTableAnalyzer : DynamoAnalyzerBase
{
    public KeyOfAnotherTableAnalyzer()
        : base(DiagnosticDescriptors.KeyOfAnotherTable)
    {
    }

    /// <summary>
    /// Creations of a type with a <c>Key</c>; of calls, only the client's methods with a <c>(tableName, key)</c> overload
    /// (AWSSDK.DynamoDBv2 4.0.110: GetItem, DeleteItem and UpdateItem, synchronous on .NET Framework only).
    /// </summary>
    private static readonly NodeFilter KeyRequests = NodeFilter.Create(
        methods: new[] { "GetItem", "GetItemAsync", "DeleteItem", "DeleteItemAsync", "UpdateItem", "UpdateItemAsync" },
        typeMembers: new[] { "Key" });

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        if (catalog.AccessorRoot is null)
        {
            // No generated accessors in this compilation: no generated Key(...) to misuse.
            return;
        }

        start.RegisterOperationAction(
            KeyRequests,
            ctx =>
            {
                if (ctx.Operation is IObjectCreationOperation creation)
                {
                    if (RequestContext.Sets(creation, "Key") && RequestContext.From(ctx, catalog) is { Table: { } table } request
                        && request.Members.TryGetValue("Key", out var key) && request.IsFinal(ctx.CancellationToken, "Key", "TableName"))
                    {
                        Check(ctx, catalog, table, key);
                    }
                }
                else if (ctx.Operation is IInvocationOperation invocation && DynamoSdk.IsDynamo(invocation.TargetMethod.ContainingType)
                         && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "tableName") is { } tableName
                         && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "key") is { } keyArgument
                         && catalog.Resolve(tableName.Value, ctx.CancellationToken) is { } target)
                {
                    Check(ctx, catalog, target, keyArgument.Value);
                }
            },
            OperationKind.ObjectCreation,
            OperationKind.Invocation);
    }

    private static void Check(DynamoOperationContext ctx, DynamoCatalog catalog, CatalogTable table, IOperation key)
    {
        if (RequestContext.Unwrap(key) is not IInvocationOperation { TargetMethod: { Name: "Key", ContainingType: { } type } } call)
        {
            return;
        }

        string path = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (catalog.Tables.FirstOrDefault(t => t.AccessorPath == path) is not { } keyTable || keyTable == table || SameKeySchema(keyTable, table))
        {
            return;
        }

        ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyOfAnotherTable, call.Syntax.GetLocation(),
            keyTable.Name, KeySchema(keyTable), table.Name, KeySchema(table), catalog.Display(table.AccessorPath + ".Key(...)")));
    }

    private static bool SameKeySchema(CatalogTable a, CatalogTable b)
        => a.HashKey == b.HashKey && a.RangeKey == b.RangeKey
           && (a.HashKey is null || a.TypeOf(a.HashKey) == b.TypeOf(b.HashKey!))
           && (a.RangeKey is null || a.TypeOf(a.RangeKey) == b.TypeOf(b.RangeKey!));

    /// <summary><c>CartId S, ItemId N</c>: the key attributes with their declared types.</summary>
    private static string KeySchema(CatalogTable table)
    {
        string One(string attribute) => table.TypeOf(attribute) is { } t ? $"{attribute} {t}" : attribute;
        return table.RangeKey is { } range ? $"{One(table.HashKey ?? "?")}, {One(range)}" : One(table.HashKey ?? "?");
    }
}
