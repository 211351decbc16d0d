using IdpDynamo.Schema.Model;

namespace IdpDynamo.Schema.Validation.Rules;

/// <summary>Crossplane policies and backups: IDPDYN100–105.</summary>
internal static class PolicyRules
{
    public static void Run(RuleContext ctx)
    {
        var file = ctx.File;
        if (file.Tables.Count > 0 && file.ManagementPolicies is null)
        {
            ctx.Report(DiagnosticIds.ManagementPoliciesNotSet, file.TablesKey ?? SourceSpan.FileStart,
                "managementPolicies is not set; the chart then renders Observe only and creates nothing. Add 'managementPolicies: Control' to create the tables");
        }

        // Also with an emptied 'tables: []': that is exactly when the deletion policy decides what happens to removed tables.
        if (file.TablesKey is not null || file.Tables.Count > 0)
        {
            if (file.DeletionPolicy is null)
            {
                ctx.Report(DiagnosticIds.DeletionPolicyNotSet, SourceSpan.FileStart,
                    "deletionPolicy is not set; tables removed from this file are orphaned (kept in AWS). Set it explicitly; Orphan is recommended");
            }
        }

        if (file.ManagementPolicies is { Value: "Observe" } observe)
        {
            ctx.Report(DiagnosticIds.ObserveOnly, observe.Span,
                "managementPolicies: Observe only reads existing resources; missing tables, policies and attachments are not created");
        }

        if (file.DeletionPolicy is { Value: "Delete" } delete)
        {
            ctx.Report(DiagnosticIds.DeletionPolicyDelete, delete.Span,
                "deletionPolicy: Delete deletes a table and all its data when it is removed from this file or the release is uninstalled; prefer Orphan");
            if (file.ManagementPolicies?.Value == "Observe")
            {
                ctx.Report(DiagnosticIds.ObserveWithDelete, delete.Span,
                    "Observe with deletionPolicy: Delete lets this release delete tables it only observes when an entry is removed; use Orphan for adopted tables");
            }
        }

        foreach (var table in file.Tables)
        {
            if (table.PointInTimeRecovery is { Value: false } pitr)
            {
                ctx.Report(DiagnosticIds.PointInTimeRecoveryDisabled, pitr.Span,
                    $"pointInTimeRecovery: false disables point-in-time restore for '{table.DisplayName}' (default: enabled, 35 days); only the nightly AWS Backup remains");
            }
        }
    }
}
