namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN205: a key dictionary built inline (<c>Key = new() { ["Id"] = new AttributeValue { S = id } }</c>) for a
/// declared table whose names are not exactly the table's hash and range key, or whose AttributeValue kind (S/N/B)
/// differs from the declared type; and a PutItem <c>Item</c> without a key attribute. Covers request objects,
/// transaction items, batch gets and writes (RequestItems built inline) and the client's convenience overloads.
/// A dictionary held in a local counts as inline where <see cref="LocalFlow"/> follows it to the request; dictionaries
/// built elsewhere are not checked.
/// </summary>
public sealed class KeyDictionaryAnalyzer : DynamoAnalyzerBase
{
    public KeyDictionaryAnalyzer()
        : base(DiagnosticDescriptors.KeyMismatch)
    {
    }

    /// <summary>Creations that can set Key, Item or RequestItems; calls with a requestItems or tableName parameter (the key and item calls have one).</summary>
    private static readonly NodeFilter KeyCarriers = NodeFilter.BySignature(
        parameters: new[] { "requestItems", "tableName" }, typeMembers: new[] { "Key", "Item", "RequestItems" }, members: System.Array.Empty<string>());

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        start.RegisterOperationAction(
            KeyCarriers,
            ctx =>
            {
                if (ctx.Operation is IObjectCreationOperation creation && RequestContext.Sets(creation, "Key", "Item", "RequestItems")
                    && RequestContext.From(ctx, catalog) is { } request)
                {
                    // A key or item the code fills further after the initializer (request.Key["OrderDate"] = ...)
                    // is only complete there: check it only when nothing can change it before the SDK sees it.
                    if (request.Table is { } table && request.Members.TryGetValue("Key", out var key) && request.IsFinal(ctx.CancellationToken, "Key", "TableName"))
                    {
                        CheckKey(ctx, table, key, start.Sdk);
                    }

                    if (request.Table is { } itemTable && request.Members.TryGetValue("Item", out var item) && request.IsFinal(ctx.CancellationToken, "Item", "TableName"))
                    {
                        CheckItem(ctx, itemTable, item, start.Sdk);
                    }

                    if (request.Members.TryGetValue("RequestItems", out var requestItems) && request.IsFinal(ctx.CancellationToken, "RequestItems"))
                    {
                        CheckBatch(ctx, catalog, requestItems, start.Sdk);
                    }
                }
                else if (ctx.Operation is IInvocationOperation invocation && DynamoSdk.IsDynamo(invocation.TargetMethod.ContainingType))
                {
                    // BatchGetItemAsync(requestItems) / BatchWriteItemAsync(requestItems): built inline, so final.
                    foreach (var argument in invocation.Arguments.Where(a => a.Parameter?.Name == "requestItems"))
                    {
                        CheckBatch(ctx, catalog, argument.Value, start.Sdk);
                    }

                    var target = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "tableName") is { } t
                        ? catalog.Resolve(t.Value, ctx.CancellationToken) : null;
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

    /// <summary>
    /// The keys of a batch, per table: <c>RequestItems = { ["T"] = new KeysAndAttributes { Keys = { new() { ... } } } }</c>
    /// (BatchGetItem) and <c>{ ["T"] = new List&lt;WriteRequest&gt; { new(new PutRequest { Item = ... }), new() {
    /// DeleteRequest = new DeleteRequest { Key = ... } } } }</c> (BatchWriteItem), as far as they are built inline.
    /// </summary>
    private static void CheckBatch(DynamoOperationContext ctx, DynamoCatalog catalog, IOperation requestItems, DynamoSdk sdk)
    {
        foreach (var (tableKey, value) in Sinks.DictionaryEntries(requestItems))
        {
            if (catalog.Resolve(tableKey, ctx.CancellationToken) is not { } table)
            {
                continue;
            }

            if (RequestContext.Unwrap(value) is IObjectCreationOperation { Type.Name: "KeysAndAttributes" } keysAndAttributes)
            {
                if (Sinks.Members(keysAndAttributes).TryGetValue("Keys", out var keys))
                {
                    foreach (var key in CollectionElements(keys))
                    {
                        CheckKey(ctx, table, key, sdk);
                    }
                }

                continue;
            }

            foreach (var element in CollectionElements(value))
            {
                if (RequestContext.Unwrap(element) is not IObjectCreationOperation { Type.Name: "WriteRequest" } write)
                {
                    continue;
                }

                var members = Sinks.Members(write);
                if (members.TryGetValue("PutRequest", out var put) && RequestContext.Unwrap(put) is IObjectCreationOperation putRequest
                    && Sinks.Members(putRequest).TryGetValue("Item", out var item))
                {
                    CheckItem(ctx, table, item, sdk);
                }

                if (members.TryGetValue("DeleteRequest", out var delete) && RequestContext.Unwrap(delete) is IObjectCreationOperation deleteRequest
                    && Sinks.Members(deleteRequest).TryGetValue("Key", out var key))
                {
                    CheckKey(ctx, table, key, sdk);
                }
            }
        }
    }

    /// <summary>The elements of a list built inline (<c>new List&lt;T&gt; { a, b }</c>); empty for anything else.</summary>
    private static IEnumerable<IOperation> CollectionElements(IOperation value)
    {
        if (RequestContext.Unwrap(value) is not IObjectCreationOperation { Initializer: { } initializer })
        {
            yield break;
        }

        foreach (var element in initializer.Initializers)
        {
            if (element is IInvocationOperation { Arguments.Length: 1 } add)
            {
                yield return add.Arguments[0].Value;
            }
        }
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
            // Set twice (key["Id"] = a; key["Id"] = b): one entry at run time, not worth following.
            if (StringResolver.Resolve(key, cancellationToken).Exact is not { } name || entries.Exists(e => e.Item1 == name))
            {
                return null;
            }

            entries.Add((name, key, value));
        }

        return entries;
    }

    private static void CheckKey(DynamoOperationContext ctx, CatalogTable table, IOperation dictionary, DynamoSdk sdk)
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

    private static void CheckItem(DynamoOperationContext ctx, CatalogTable table, IOperation dictionary, DynamoSdk sdk)
    {
        if (table.HashKey is null || ReadInline(dictionary, ctx.CancellationToken) is not { } entries)
        {
            return;
        }

        bool hasHash = false, hasRange = table.RangeKey is null;
        var keys = new List<(string Name, IOperation Key, IOperation Value)>(2);
        foreach (var entry in entries)
        {
            if (entry.Name == table.HashKey)
            {
                hasHash = true;
                keys.Add(entry);
            }
            else if (entry.Name == table.RangeKey)
            {
                hasRange = true;
                keys.Add(entry);
            }
        }

        if (!hasHash || !hasRange)
        {
            string missing = !hasHash && !hasRange ? $"s {table.HashKey}, {table.RangeKey}" : $" {(hasHash ? table.RangeKey : table.HashKey)}";
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyMismatch, dictionary.Syntax.GetLocation(),
                $"This item for table '{table.Name}' lacks its key attribute{missing}; DynamoDB rejects an item without its full key"));
            return;
        }

        CheckKinds(ctx, table, keys, sdk);
    }

    private static void CheckKinds(DynamoOperationContext ctx, CatalogTable table, List<(string Name, IOperation Key, IOperation Value)> entries, DynamoSdk sdk)
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

        if (creation.Initializer is not { } initializer)
        {
            return null;
        }

        string? kind = null;
        foreach (var element in initializer.Initializers)
        {
            if (element is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "S" or "N" or "B" or "BOOL" or "SS" or "NS" or "BS" or "L" or "M" or "NULL" } target })
            {
                if (kind is not null)
                {
                    return null; // more than one value member: not a single kind
                }

                kind = target.Property.Name;
            }
        }

        return kind;
    }
}
