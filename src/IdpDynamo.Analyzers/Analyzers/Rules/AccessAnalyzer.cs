using IdpDynamo.Analyzers.PartiQL;
using IdpDynamo.Schema.Model;

namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN207: with IdpDynamoServiceRole set, a write (PutItem, UpdateItem, DeleteItem, BatchWriteItem, transaction
/// writes, DataModel save and delete configs, DataModel Save/Delete/batch/transact writes of an entity, Document-model
/// Put/Update/DeleteItem and batch/transact writes of a loaded table, PartiQL INSERT/UPDATE/DELETE) to a table whose
/// values file grants the role only read access, or any use of a table that grants the role nothing. Table names
/// are resolved as IDPDYN201 resolves them, constant tails after an unknown prefix included, when only one declared
/// table can be meant. The chart attaches policies only to the roles the values file lists,
/// so these calls are denied at run time.
/// </summary>
/// <remarks>
/// Roles are compared per values file, because each environment grants its own roles. With a <c>&lt;ns&gt;</c>
/// placeholder the role is known in every environment, and a file that denies it is reported. A fixed role name can
/// only exist in one environment, so it is reported only when no values file grants it the access.
/// </remarks>
public sealed class AccessAnalyzer : DynamoAnalyzerBase
{
    public AccessAnalyzer()
        : base(DiagnosticDescriptors.AccessDenied)
    {
    }

    /// <summary>What <see cref="Sinks.Tables"/> reads: calls and constructors with a tableName or requestItems parameter, the assignments of those members.</summary>
    private static readonly NodeFilter TableSinks = NodeFilter.BySignature(
        parameters: new[] { "tableName", "requestItems" }, typeMembers: new[] { "TableName", "RequestItems" }, members: new[] { "TableName", "OverrideTableName", "RequestItems" });

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        if (catalog.ServiceRole is not { } serviceRole)
        {
            return;
        }

        // What the role may do depends only on the table: decided once per compilation, not per call.
        var readDenials = new Dictionary<CatalogTable, string?>();
        var writeDenials = new Dictionary<CatalogTable, string?>();
        foreach (var table in catalog.Tables)
        {
            readDenials[table] = Denial(serviceRole, table, write: false);
            writeDenials[table] = Denial(serviceRole, table, write: true);
        }

        start.RegisterOperationAction(
            TableSinks,
            ctx =>
            {
                foreach (var sink in ctx.Memo.Tables(ctx.Operation))
                {
                    if (sink.Access != TableAccess.Control && catalog.Resolve(sink.Value, ctx.CancellationToken) is { } table)
                    {
                        Check(ctx, table, sink.Access == TableAccess.Write, sink.Value.Syntax.GetLocation());
                    }
                }
            },
            OperationKind.SimpleAssignment,
            OperationKind.ObjectCreation,
            OperationKind.Invocation);

        // Calls that name no table: the entity's (DataModel) or the loaded Table object's (Document model).
        start.RegisterOperationAction(
            ModelCallNames,
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                if (ModelCalls.Resolve(invocation, start.Sdk, catalog, ctx.CancellationToken) is { } use)
                {
                    Check(ctx, use.Table, use.Access == TableAccess.Write, ModelCalls.MethodLocation(invocation));
                }
            },
            OperationKind.Invocation);

        start.RegisterOperationAction(
            PartiQLSink.Filter,
            ctx =>
            {
                if (PartiQLSink.From(ctx.Operation, ctx.CancellationToken) is { } sink && PartiQLTables.Resolve(sink.Statement.Table, catalog) is { } table)
                {
                    Check(ctx, table, sink.Statement.IsWrite, sink.Locate(sink.Statement.Table));
                }
            },
            OperationKind.SimpleAssignment);

        void Check(DynamoOperationContext ctx, CatalogTable table, bool write, Location location)
        {
            // Every table the catalog resolves is one of catalog.Tables.
            var denials = write ? writeDenials : readDenials;
            if (denials.TryGetValue(table, out var message) && message is not null)
            {
                ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AccessDenied, location, message));
            }
        }
    }

    /// <summary>The DataModel context and Document-model table methods <see cref="ModelCalls"/> resolves.</summary>
    private static readonly NodeFilter ModelCallNames = NodeFilter.Create(
        methods: ModelCalls.ContextWrites.Concat(ModelCalls.ContextReads).Concat(ModelCalls.TableWrites).Concat(ModelCalls.TableReads).Distinct().ToArray());

    /// <summary>Why the role may not use the table this way, or null when it may (or it cannot be told).</summary>
    private static string? Denial(string serviceRole, CatalogTable table, bool write)
    {
        bool placeholder = serviceRole.IndexOf("<ns>", StringComparison.Ordinal) >= 0;
        var grants = new List<(TableDeclaration Declaration, string Role, bool CanRead, bool CanWrite)>();
        foreach (var declaration in table.Declarations)
        {
            if (placeholder && declaration.Environment is null)
            {
                continue; // no namespace, so no role name to compare
            }

            string role = placeholder ? serviceRole.Replace("<ns>", declaration.Environment) : serviceRole;
            bool canWrite = declaration.WriteRoles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
            bool canRead = canWrite || declaration.ReadRoles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
            grants.Add((declaration, role, canRead, canWrite));
        }

        if (grants.Count == 0)
        {
            return null;
        }

        // With a placeholder every environment must grant the access; a fixed role needs one environment that does.
        var denied = placeholder
            ? grants.FirstOrDefault(g => !g.CanRead || (write && !g.CanWrite))
            : grants.Any(g => g.CanRead && (!write || g.CanWrite)) ? default : grants[0];
        if (denied.Declaration is null)
        {
            return null;
        }

        string where = $"{denied.Declaration.SourcePath}:{denied.Declaration.Line}";
        return !denied.CanRead
            ? $"Role '{denied.Role}' has no access to table '{table.Name}' ({where} lists neither it in serviceAccountReadRoles nor in serviceAccountWriteRoles); this call is denied"
            : $"Role '{denied.Role}' may only read table '{table.Name}' ({where} lists it in serviceAccountReadRoles, not serviceAccountWriteRoles); this write is denied";
    }
}
