using System;
using System.Linq;
using IdpDynamo.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdpDynamo.Analyzers.Analyzers;

/// <summary>
/// IDPDYN207: with IdpDynamoServiceRole set, a write (PutItem, UpdateItem, DeleteItem, BatchWriteItem, transaction
/// writes) to a table whose values file grants the role only read access, or any use of a table that grants the role
/// nothing. The chart attaches policies only to the roles the values file lists, so these calls are denied at run time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AccessAnalyzer : DynamoAnalyzerBase
{
    public AccessAnalyzer()
        : base(DiagnosticDescriptors.AccessDenied)
    {
    }

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        if (catalog.ServiceRole is null)
        {
            return;
        }

        start.RegisterOperationAction(
            ctx =>
            {
                foreach (var sink in Sinks.Tables(ctx.Operation))
                {
                    if (sink.Access == TableAccess.Control || StringResolver.Resolve(sink.Value, ctx.CancellationToken).Exact is not { } name || catalog.Match(name) is not { } table)
                    {
                        continue;
                    }

                    var roles = catalog.ServiceRolesFor(table).ToList();
                    bool canRead = table.Spec.ReadRoles.Concat(table.Spec.WriteRoles).Any(r => roles.Contains(r.Value, StringComparer.OrdinalIgnoreCase));
                    bool canWrite = table.Spec.WriteRoles.Any(r => roles.Contains(r.Value, StringComparer.OrdinalIgnoreCase));
                    string role = string.Join("/", roles);
                    string? message = null;
                    if (!canRead && !canWrite)
                    {
                        message = $"Role '{role}' has no access to table '{table.Name}' ({table.File}:{table.Line} lists neither it in serviceAccountReadRoles nor in serviceAccountWriteRoles); this call is denied";
                    }
                    else if (sink.Access == TableAccess.Write && !canWrite)
                    {
                        message = $"Role '{role}' may only read table '{table.Name}' ({table.File}:{table.Line} lists it in serviceAccountReadRoles, not serviceAccountWriteRoles); this write is denied";
                    }

                    if (message is not null)
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AccessDenied, sink.Value.Syntax.GetLocation(), message));
                    }
                }
            },
            OperationKind.SimpleAssignment,
            OperationKind.ObjectCreation,
            OperationKind.Invocation);
    }
}
