namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN213: a declared table's logical name (<c>"Carts"</c>, or the constant <c>DynamoTables.Carts.Name</c>) as the
/// table name of a low-level request: a request object of <c>Amazon.DynamoDBv2.Model</c> or a method of the client in
/// <c>Amazon.DynamoDBv2</c>. The chart creates the table as <c>&lt;namespace&gt;-Carts</c> and the low-level API sends
/// the name unchanged, so the call fails with ResourceNotFoundException. Silent for the DataModel (its
/// TableNamePrefix renders the name: <c>[DynamoDBTable]</c>, <c>OverrideTableName</c>), the DocumentModel, the generated
/// <c>TableName</c> and <c>TableNameIn(ns)</c>, rendered names, and anything not known at compile time (configuration,
/// parameters, interpolations). Table management calls are left alone, as everywhere.
/// </summary>
public sealed class LogicalTableNameAnalyzer : DynamoAnalyzerBase
{
    public LogicalTableNameAnalyzer()
        : base(DiagnosticDescriptors.LogicalTableName)
    {
    }

    /// <summary>What can carry a low-level table name (<see cref="IsLowLevel"/>): calls with a <c>tableName</c> or <c>requestItems</c> parameter, creations of a type with such a member, and the two assignments.</summary>
    private static readonly NodeFilter LowLevelSinks = NodeFilter.BySignature(
        parameters: new[] { "tableName", "requestItems" }, typeMembers: new[] { "TableName", "RequestItems" }, members: new[] { "TableName", "RequestItems" });

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        start.RegisterOperationAction(
            LowLevelSinks,
            ctx =>
            {
                if (!IsLowLevel(ctx.Operation))
                {
                    return;
                }

                foreach (var sink in ctx.Memo.Tables(ctx.Operation))
                {
                    if (sink.Access == TableAccess.Control
                        || StringResolver.Resolve(sink.Value, ctx.CancellationToken).Exact is not { } exact
                        || catalog.ByLogicalName(exact) is not { } table)
                    {
                        continue;
                    }

                    string rendered = (table.Spec.UsesIdpPrefix ? "idp-" : string.Empty) + "<namespace>-" + table.Name;
                    string fix = catalog.AccessorRoot is null ? $"the rendered name '{rendered}'" : catalog.Display(table.AccessorPath + ".TableName");
                    ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LogicalTableName, sink.Value.Syntax.GetLocation(), exact, rendered, fix));
                }
            },
            OperationKind.SimpleAssignment,
            OperationKind.ObjectCreation,
            OperationKind.Invocation);
    }

    /// <summary>
    /// Whether the operation is a low-level use of a table name: a <c>TableName</c> or <c>RequestItems</c> assignment
    /// on, or a constructor of, a type of <c>Amazon.DynamoDBv2.Model</c>, or a call of a method declared in
    /// <c>Amazon.DynamoDBv2</c> itself (IAmazonDynamoDB, AmazonDynamoDBClient). The DataModel and the DocumentModel
    /// live in namespaces of their own.
    /// </summary>
    private static bool IsLowLevel(IOperation operation) => operation switch
    {
        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } =>
            property.Property.Name is "TableName" or "RequestItems" && IsIn(property.Instance?.Type ?? property.Property.ContainingType, "Model"),
        IObjectCreationOperation creation => IsIn(creation.Constructor?.ContainingType, "Model"),
        IInvocationOperation invocation => IsIn(invocation.TargetMethod.ContainingType, null),
        _ => false,
    };

    /// <summary>Whether <paramref name="type"/> is declared in <c>Amazon.DynamoDBv2</c>, or in its child namespace <paramref name="child"/>.</summary>
    private static bool IsIn(ITypeSymbol? type, string? child)
    {
        var ns = type?.ContainingNamespace;
        if (child is not null)
        {
            if (ns?.Name != child)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
        }

        return ns is { Name: "DynamoDBv2", ContainingNamespace: { Name: "Amazon", ContainingNamespace.IsGlobalNamespace: true } };
    }
}
