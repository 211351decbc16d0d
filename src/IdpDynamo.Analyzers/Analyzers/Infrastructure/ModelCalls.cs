using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// The table a DataModel or Document-model call uses when no table name is written at the call: the entity's
/// [DynamoDBTable] for a generic context call (<c>context.SaveAsync&lt;Order&gt;(…)</c>), or the table a Document-model
/// <c>Table</c> object was loaded for (<c>orders.PutItemAsync(doc)</c> with
/// <c>orders = Table.LoadTable(client, "webshop-test-Orders")</c>, a TableBuilder, or <c>context.GetTargetTable&lt;T&gt;()</c>).
/// </summary>
/// <remarks>
/// Only what cannot change is followed: a local written only by its initializer, a readonly field with one
/// initializer or one constructor assignment in its own type, in the tree being analyzed. A config that may redirect
/// the call (OverrideTableName, or a config built elsewhere) leaves the table unknown.
/// </remarks>
internal static class ModelCalls
{
    /// <summary>DataModel context methods that take the entity type as their type argument: the writes, then the reads.</summary>
    public static readonly string[] ContextWrites = { "Save", "SaveAsync", "Delete", "DeleteAsync", "CreateBatchWrite", "CreateTransactWrite" };

    public static readonly string[] ContextReads = { "Load", "LoadAsync", "Query", "QueryAsync", "Scan", "ScanAsync", "FromQuery", "FromQueryAsync", "FromScan", "FromScanAsync", "CreateBatchGet", "CreateTransactGet" };

    /// <summary>Document-model <c>Table</c> methods that use the table the object stands for: the writes, then the reads.</summary>
    public static readonly string[] TableWrites = { "PutItem", "PutItemAsync", "UpdateItem", "UpdateItemAsync", "DeleteItem", "DeleteItemAsync", "CreateBatchWrite", "CreateTransactWrite" };

    public static readonly string[] TableReads = { "GetItem", "GetItemAsync", "Query", "Scan", "CreateBatchGet", "CreateTransactGet" };

    private const int MaxDepth = 4;

    /// <summary>The declared table and access of a DataModel or Document-model call, or null when it is neither or unknown.</summary>
    public static (CatalogTable Table, TableAccess Access)? Resolve(IInvocationOperation invocation, DynamoSdk sdk, DynamoCatalog catalog, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (!DynamoSdk.IsDynamo(method.ContainingType))
        {
            return null;
        }

        if (method.ContainingType.Name is "IDynamoDBContext" or "DynamoDBContext")
        {
            bool write = Array.IndexOf(ContextWrites, method.Name) >= 0;
            if ((!write && Array.IndexOf(ContextReads, method.Name) < 0) || EntityTable(invocation, sdk, catalog) is not { } entityTable)
            {
                return null;
            }

            return (entityTable, write ? TableAccess.Write : TableAccess.Read);
        }

        if (method.ContainingType.Name is "ITable" or "Table" && !method.IsStatic)
        {
            bool write = Array.IndexOf(TableWrites, method.Name) >= 0;
            if ((!write && Array.IndexOf(TableReads, method.Name) < 0) || invocation.Instance is not { } instance
                || TableObject(instance, sdk, catalog, 0, cancellationToken) is not { } table)
            {
                return null;
            }

            return (table, write ? TableAccess.Write : TableAccess.Read);
        }

        return null;
    }

    /// <summary>Where a call names its method (<c>SaveAsync&lt;Order&gt;</c> of <c>context.SaveAsync&lt;Order&gt;(o)</c>), else the whole call.</summary>
    public static Location MethodLocation(IInvocationOperation invocation)
        => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Name.GetLocation()
            : invocation.Syntax is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } ? binding.Name.GetLocation()
            : invocation.Syntax.GetLocation();

    /// <summary>T's table for a generic context call whose configs (if any) are written inline without OverrideTableName.</summary>
    private static CatalogTable? EntityTable(IInvocationOperation invocation, DynamoSdk sdk, DynamoCatalog catalog)
    {
        var method = invocation.TargetMethod;
        if (method.TypeArguments.Length != 1 || invocation.Arguments.Any(a => IsConfig(a.Value.Type) && !IsConfigWithoutOverride(a.Value)))
        {
            return null;
        }

        return sdk.TableNameOf(method.TypeArguments[0]) is { } name ? catalog.Match(name) : null;
    }

    private static bool IsConfig(ITypeSymbol? type)
        => type is not null && DynamoSdk.IsDynamo(type) && type.Name.EndsWith("Config", StringComparison.Ordinal);

    private static bool IsConfigWithoutOverride(IOperation value)
    {
        value = RequestContext.Unwrap(value);
        return value.ConstantValue is { HasValue: true, Value: null }
               || value is IDefaultValueOperation
               || value is IObjectCreationOperation creation && !Sinks.Members(creation).ContainsKey("OverrideTableName");
    }

    /// <summary>The table a Document-model table object stands for.</summary>
    private static CatalogTable? TableObject(IOperation value, DynamoSdk sdk, DynamoCatalog catalog, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        value = RequestContext.Unwrap(value);
        switch (value)
        {
            case ILocalReferenceOperation local:
                return Initial(local.Local, local.SemanticModel, cancellationToken) is { } initial ? TableObject(initial, sdk, catalog, depth + 1, cancellationToken) : null;
            case IFieldReferenceOperation { Field.IsReadOnly: true } field:
                return Initial(field.Field, field.SemanticModel, cancellationToken) is { } assigned ? TableObject(assigned, sdk, catalog, depth + 1, cancellationToken) : null;
            case IInvocationOperation { TargetMethod: { Name: "LoadTable", IsStatic: true } load } call when DynamoSdk.IsDynamo(load.ContainingType):
                return catalog.Resolve(call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "tableName")?.Value, cancellationToken);
            case IInvocationOperation { TargetMethod.Name: "Build", Instance: { } builder } when DynamoSdk.IsDynamo(builder.Type):
                return BuilderTable(builder, catalog, cancellationToken);
            case IInvocationOperation { TargetMethod.Name: "GetTargetTable" } target when DynamoSdk.IsDynamo(target.TargetMethod.ContainingType):
                return EntityTable(target, sdk, catalog);
            default:
                return null;
        }
    }

    /// <summary>The table name given to <c>new TableBuilder(client, name)</c> at the root of a builder chain.</summary>
    private static CatalogTable? BuilderTable(IOperation builder, DynamoCatalog catalog, CancellationToken cancellationToken)
    {
        for (int i = 0; i < 16; i++)
        {
            builder = RequestContext.Unwrap(builder);
            switch (builder)
            {
                case IInvocationOperation { Instance: { } inner } call when DynamoSdk.IsDynamo(call.TargetMethod.ContainingType):
                    builder = inner;
                    continue;
                case IObjectCreationOperation { Constructor: { ContainingType.Name: "TableBuilder" } constructor } creation when DynamoSdk.IsDynamo(constructor.ContainingType):
                    return catalog.Resolve(creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "tableName")?.Value, cancellationToken);
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The one value a local or readonly field ever holds: a local's initializer when nothing in its body writes it; a
    /// field's initializer or its one assignment in its type (a constructor), when it is the only write. Null otherwise,
    /// or when that code is in another tree (its operations need another semantic model).
    /// </summary>
    private static IOperation? Initial(ISymbol symbol, SemanticModel? model, CancellationToken cancellationToken)
    {
        if (model is null || symbol.DeclaringSyntaxReferences.Length != 1 || symbol is ILocalSymbol { IsRef: true })
        {
            return null;
        }

        var declarator = symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) as VariableDeclaratorSyntax;
        if (declarator is null || declarator.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        SyntaxNode? scope = symbol is ILocalSymbol
            ? declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax)
            : declarator.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (scope is null || (symbol is IFieldSymbol field && field.ContainingType.DeclaringSyntaxReferences.Length != 1))
        {
            return null;
        }

        ExpressionSyntax? value = declarator.Initializer?.Value;
        foreach (var node in scope.DescendantNodes())
        {
            ExpressionSyntax? target = node switch
            {
                AssignmentExpressionSyntax a => a.Left,
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } arg => arg.Expression,
                _ => null,
            };
            var name = target switch
            {
                IdentifierNameSyntax id => id,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax id } => id,
                _ => null,
            };
            if (name?.Identifier.ValueText != symbol.Name)
            {
                if (target is TupleExpressionSyntax tuple && tuple.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == symbol.Name))
                {
                    return null;
                }

                continue;
            }

            if (value is not null || node is not AssignmentExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression } assignment || symbol is ILocalSymbol)
            {
                return null;   // a second write, a compound or ref write, or a local written after its declaration
            }

            value = assignment.Right;
        }

        return value is null ? null : model.GetOperation(value, cancellationToken);
    }
}
