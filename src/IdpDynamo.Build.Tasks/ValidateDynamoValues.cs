using IdpDynamo.Schema;

namespace IdpDynamo.Build.Tasks;

/// <summary>
/// Validates the <c>IdpDynamoValues</c> items of a project and logs every problem in the compiler's canonical format
/// (<c>file(line,col): error IDPDYNnnn: message</c>) with a help link. Errors fail the build; warnings follow NoWarn,
/// WarningsAsErrors, WarningsNotAsErrors and TreatWarningsAsErrors; infos are low-importance messages (shown with
/// <c>-v:d</c>), so a clean build prints only the summary line, and errors when WarningsAsErrors lists them, as the
/// compiler does.
/// </summary>
public sealed class ValidateDynamoValues : Task
{
    /// <summary>The values files (item metadata: optional <c>Namespace</c> and <c>ChartVersion</c>).</summary>
    [Required]
    public ITaskItem[] ValuesFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Chart version for files without an application.yaml that pins one (property IdpDynamoChartVersion).</summary>
    public string? ChartVersion { get; set; }

    /// <summary>$(IdpDynamoBaselineRef): a git ref (e.g. origin/main) to compare the values files with; empty for none.</summary>
    public string? BaselineRef { get; set; }

    /// <summary>$(IdpDynamoGeneratedClassName): the generated class, whose member names must not collide (IDPDYN129).</summary>
    public string? GeneratedClassName { get; set; }

    /// <summary>$(NoWarn): ids to silence.</summary>
    public string? NoWarn { get; set; }

    /// <summary>$(WarningsAsErrors): ids that become errors (warnings and infos, as for compiler diagnostics).</summary>
    public string? WarningsAsErrors { get; set; }

    /// <summary>$(WarningsNotAsErrors): ids that stay warnings under TreatWarningsAsErrors.</summary>
    public string? WarningsNotAsErrors { get; set; }

    /// <summary>$(TreatWarningsAsErrors).</summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>Number of values files validated (read and of the idp-dynamodb chart).</summary>
    [Output]
    public int FileCount { get; private set; }

    /// <summary>Number of distinct tables over all files: a table declared in several namespaces counts once.</summary>
    [Output]
    public int TableCount { get; private set; }

    /// <summary>What this task runs of the shared pipeline (and so which ids it reports).</summary>
    internal static PipelineHost Host => PipelineHost.MSBuildTask;

    public override bool Execute()
    {
        try
        {
            ExecuteCore();
        }
        catch (Exception ex)
        {
            Log.LogError(null, DiagnosticIds.InternalError, null, DiagnosticIds.HelpLink(DiagnosticIds.InternalError), BuildEngine?.ProjectFileOfTaskNode ?? string.Empty, 0, 0, 0, 0,
                "{0}", ValuesValidator.InternalErrorMessage(ex));
        }

        return !Log.HasLoggedErrors;
    }

    private void ExecuteCore()
    {
        var noWarn = Ids(NoWarn);
        var asErrors = Ids(WarningsAsErrors);
        var notAsErrors = Ids(WarningsNotAsErrors);
        var inputs = ValuesFiles.Select(item =>
        {
            string full = Path.GetFullPath(item.GetMetadata("FullPath") is { Length: > 0 } f ? f : item.ItemSpec);
            string ns = item.GetMetadata("Namespace");
            string version = item.GetMetadata("ChartVersion");
            return new ValuesInput(full, full, ns.Length > 0 ? ns : null, version.Length > 0 ? version : null, item.ItemSpec);
        });
        var run = ValuesPipeline.Run(Host, inputs, ChartVersion, BaselineRef, GeneratedClassName);
        var diagnostics = run.Diagnostics;
        FileCount = run.ValidatedCount;
        TableCount = run.TableCount;
        int namespaces = run.NamespaceCount;

        int errors = 0, warnings = 0, infos = 0;
        foreach (var d in diagnostics)
        {
            if (noWarn.Contains(d.Id))
            {
                continue;
            }

            // As the compiler applies them (and so to live validation's diagnostics alike): an id listed in
            // WarningsAsErrors is an error whatever its severity, infos included; TreatWarningsAsErrors promotes warnings.
            var severity = d.Severity;
            if (asErrors.Contains(d.Id) || (severity == Severity.Warning && TreatWarningsAsErrors && !notAsErrors.Contains(d.Id)))
            {
                severity = Severity.Error;
            }

            string help = DiagnosticIds.HelpLink(d.Id);
            switch (severity)
            {
                case Severity.Error:
                    errors++;
                    Log.LogError(null, d.Id, null, help, d.File, d.Span.Line, d.Span.Column, 0, 0, "{0}", d.Message);
                    break;
                case Severity.Warning:
                    warnings++;
                    Log.LogWarning(null, d.Id, null, help, d.File, d.Span.Line, d.Span.Column, 0, 0, "{0}", d.Message);
                    break;
                default:
                    infos++;
                    Log.LogMessage(null, d.Id, null, d.File, d.Span.Line, d.Span.Column, 0, 0, InfoImportance(d.Id), "{0}", d.Message);
                    break;
            }
        }

        Log.LogMessage(MessageImportance.High, "IdpDynamo.Build: validated {0} values {1} with {2} {3}{4}: {5} {6}, {7} {8}, {9} {10}",
            FileCount, FileCount == 1 ? "file" : "files", TableCount, TableCount == 1 ? "table" : "tables",
            namespaces > 1 ? $" in {namespaces} namespaces" : string.Empty,
            errors, errors == 1 ? "error" : "errors", warnings, warnings == 1 ? "warning" : "warnings", infos, infos == 1 ? "info" : "infos");
    }

    /// <summary>
    /// Infos are advice and would otherwise repeat on every validating build: low importance (<c>-v:d</c>). The one
    /// exception is IDPDYN131: change detection was asked for (IdpDynamoBaselineRef) and did not run, which the user
    /// needs to see at the default verbosity.
    /// </summary>
    internal static MessageImportance InfoImportance(string id)
        => id == DiagnosticIds.BaselineSkipped ? MessageImportance.High : MessageImportance.Low;

    private static HashSet<string> Ids(string? list)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (list ?? string.Empty).Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            string id = part.Trim();
            if (id.Length > 0)
            {
                set.Add(id);
            }
        }

        return set;
    }
}
