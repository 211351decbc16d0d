namespace IdpDynamo.Schema.Validation;

/// <summary>
/// IDPDYN132 (the CLI's): a values file that grants roles but has no namespace, so the role checks cannot run and a
/// role of another environment would pass. One warning per such file, at its first role.
/// </summary>
internal static class RoleChecksSkipped
{
    public static IReadOnlyList<Diagnostic> Find(IReadOnlyList<ValuesFileResult> files)
    {
        var result = new List<Diagnostic>();
        foreach (var file in files)
        {
            if (file.Skipped || file.Settings.Namespace is not null || file.Model is not { } model)
            {
                continue;
            }

            var roles = model.Tables.SelectMany(t => t.ReadRoles.Concat(t.WriteRoles))
                .OrderBy(r => r.Span.Line).ThenBy(r => r.Span.Column).ToList();
            if (roles.Count == 0)
            {
                continue;
            }

            string count = roles.Count == 1 ? "its role" : $"its {roles.Count} roles";
            result.Add(new Diagnostic(DiagnosticIds.RoleChecksSkipped, Severity.Warning,
                $"Role checks cannot run: the Kubernetes namespace of this file is unknown (no 'apps/<namespace>/' in its path), so {count} (first: '{roles[0].Value}') may belong to another namespace unnoticed. Pass --namespace <namespace>",
                file.Settings.DisplayPath, roles[0].Span));
        }

        return result;
    }
}
