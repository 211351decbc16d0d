using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace IdpDynamo.Analyzers.Analyzers;

/// <summary>
/// A request object built in one expression (<c>new QueryRequest("T") { IndexName = ..., ... }</c>): its members and the
/// declared table it resolves to. Members set later in other statements are not seen, so checks stay conservative.
/// </summary>
internal sealed class RequestContext
{
    private RequestContext(IObjectCreationOperation creation, Dictionary<string, IOperation> members, CatalogTable? table)
    {
        Creation = creation;
        Members = members;
        Table = table;
    }

    public IObjectCreationOperation Creation { get; }

    public Dictionary<string, IOperation> Members { get; }

    /// <summary>The declared table the request names, or null when unresolved or undeclared.</summary>
    public CatalogTable? Table { get; }

    public INamedTypeSymbol Type => Creation.Constructor!.ContainingType;

    public static RequestContext? From(IObjectCreationOperation creation, DynamoCatalog catalog, CancellationToken cancellationToken)
    {
        if (!DynamoSdk.IsDynamo(creation.Constructor?.ContainingType) || DynamoSdk.IsSource(creation.Constructor!.ContainingType))
        {
            return null;
        }

        var members = Sinks.Members(creation);
        CatalogTable? table = null;
        if (members.TryGetValue("TableName", out var tableName) && StringResolver.Resolve(tableName, cancellationToken).Exact is { } name)
        {
            table = catalog.Match(name);
        }

        return new RequestContext(creation, members, table);
    }

    public string? Exact(string member, CancellationToken cancellationToken)
        => Members.TryGetValue(member, out var value) ? StringResolver.Resolve(value, cancellationToken).Exact : null;

    public bool IsTrue(string member) => Members.TryGetValue(member, out var value) && Unwrap(value).ConstantValue is { HasValue: true, Value: true };

    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
