using IdpDynamo.Schema.Model;
using IdpDynamo.Schema.Validation;

namespace IdpDynamo.Schema.IO;

/// <summary>One values file a host asks the pipeline to validate, or (CLI) a pattern that matched no file.</summary>
/// <param name="DisplayPath">The path diagnostics print.</param>
/// <param name="FullPath">The absolute path; files are told apart by it.</param>
/// <param name="Namespace">The namespace given for this file; null derives it from the path.</param>
/// <param name="ChartVersion">The chart version given for this file; null falls back to the run's.</param>
/// <param name="Item">The MSBuild item as the project lists it (named in IDPDYN128 and in not-found and unreadable messages), or null.</param>
internal sealed record ValuesInput(string DisplayPath, string FullPath, string? Namespace = null, string? ChartVersion = null, string? Item = null)
{
    /// <summary>A pattern that matched no file (IDPDYN123); <see cref="FullPath"/> is the directory it was expanded in.</summary>
    public string? UnmatchedPattern { get; init; }

    /// <summary>The placeholder for a pattern that matched nothing, relative to <paramref name="directory"/>.</summary>
    public static ValuesInput NothingMatched(string pattern, string directory)
        => new(pattern, directory) { UnmatchedPattern = pattern };
}

/// <summary>How a host groups values files into the environments of one service.</summary>
internal enum ServiceGrouping
{
    /// <summary>All files are one service: the MSBuild task's items are the values files of one project.</summary>
    AllFiles,

    /// <summary>By the service directory of the apps repository: <c>apps/&lt;namespace&gt;/&lt;service&gt;/dynamodb/values.yaml</c>
    /// and the older <c>apps/&lt;namespace&gt;/&lt;release&gt;/values.yaml</c>; other files stand alone.</summary>
    ByServicePath,
}

/// <summary>
/// What one host runs of the pipeline. The ids a host reports (<see cref="ReportedIds"/>, README's "Reported by") are
/// derived from these settings and the pipeline's steps, not written down separately.
/// </summary>
/// <param name="Name">The host's name in documentation.</param>
/// <param name="ChecksItemMetadata">A file listed twice with different namespace or chart version is IDPDYN128.</param>
/// <param name="ExpandsPatterns">The host expands patterns; one that matches nothing is IDPDYN123.</param>
/// <param name="Grouping">Which files are the environments of one service.</param>
/// <param name="PathComparer">When two inputs name the same file.</param>
/// <param name="WarnsRoleChecksSkipped">A file that grants roles but has no namespace is IDPDYN132 (the role checks cannot run).</param>
internal sealed record PipelineHost(string Name, bool ChecksItemMetadata, bool ExpandsPatterns, ServiceGrouping Grouping, StringComparer PathComparer, bool WarnsRoleChecksSkipped = false)
{
    /// <summary>The MSBuild task: items with metadata, one project = one service, paths compared without case.</summary>
    public static readonly PipelineHost MSBuildTask = new("MSBuild task", ChecksItemMetadata: true, ExpandsPatterns: false, ServiceGrouping.AllFiles, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <c>idp-dynamo validate</c>: paths and patterns, grouped by service directory, paths compared exactly; a file
    /// outside <c>apps/&lt;namespace&gt;/</c> without --namespace gets IDPDYN132 when it grants roles. (The task's
    /// namespace comes from the project or item metadata, and IDPDYN125 already tells when it is missing.)
    /// </summary>
    public static readonly PipelineHost Cli = new("CLI", ChecksItemMetadata: false, ExpandsPatterns: true, ServiceGrouping.ByServicePath, StringComparer.Ordinal, WarnsRoleChecksSkipped: true);

    /// <summary>Every id this host can report, in catalog order.</summary>
    public IReadOnlyList<string> ReportedIds => ValuesPipeline.ReportedIds(this);
}

/// <summary>The outcome of a run: every diagnostic in report order and the result of every distinct file.</summary>
internal sealed record PipelineRun(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ValuesFileResult> Files)
{
    /// <summary>Distinct tables over all files: a table declared in several namespaces (environments) counts once, by its logical name.</summary>
    public int TableCount => Files.Where(f => f.Model is not null).SelectMany(f => f.Model!.Tables)
        .Select(t => t.DisplayName).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Distinct namespaces of the files that were read.</summary>
    public int NamespaceCount => Files.Where(f => f.Model is not null && f.Settings.Namespace is not null)
        .Select(f => f.Settings.Namespace!).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Files validated: read and of the idp-dynamodb chart (not missing, a directory, unreadable or too large).</summary>
    public int ValidatedCount => Files.Count(f => !f.Skipped && !f.Diagnostics.Any(d => ValuesPipeline.IsReadProblem(d.Id)));

    /// <summary>Files that could not be read (missing, a directory, unreadable or too large).</summary>
    public int UnreadCount => Files.Count(f => !f.Skipped && f.Diagnostics.Any(d => ValuesPipeline.IsReadProblem(d.Id)));

    /// <summary>Files of another chart, not validated (application.yaml names another chart).</summary>
    public int SkippedCount => Files.Count(f => f.Skipped);
}

/// <summary>
/// The multi-file run shared by the MSBuild task and the CLI: each distinct file validated once (with change detection
/// and one IDPDYN131 when it cannot run), then the checks across files: IDPDYN033 and IDPDYN125 over all files, and per
/// service the environment comparison (IDPDYN126/127) and the generated-identifier collisions (IDPDYN129), and (CLI)
/// IDPDYN132 for files whose role checks cannot run. Each host
/// prints the result its own way.
/// </summary>
internal static class ValuesPipeline
{
    /// <summary>The class the generator emits when the project does not name one.</summary>
    public const string DefaultClassName = "DynamoTables";

    /// <summary>The ids <paramref name="host"/> reports through this pipeline, in catalog order.</summary>
    public static IReadOnlyList<string> ReportedIds(PipelineHost host)
    {
        // Each step declares what it reports; this pipeline adds IDPDYN131 (change detection skipped) and IDPDYN129.
        var ids = new HashSet<string>(ValuesFileLoader.ReportedIds.Concat(ValuesValidator.AcrossFilesReportedIds).Concat(EnvironmentComparer.ReportedIds), StringComparer.Ordinal)
        {
            DiagnosticIds.BaselineSkipped,
            DiagnosticIds.IdentifierCollision,
        };
        if (host.ChecksItemMetadata)
        {
            ids.Add(DiagnosticIds.ConflictingMetadata);
        }

        if (host.ExpandsPatterns)
        {
            ids.Add(DiagnosticIds.PatternMatchesNothing);
        }

        if (host.WarnsRoleChecksSkipped)
        {
            ids.Add(DiagnosticIds.RoleChecksSkipped);
        }

        return DiagnosticIds.All.Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToList();
    }

    /// <summary>Ids that mean a file could not be read at all (CLI: exit code 2).</summary>
    public static bool IsInputProblem(string id)
        => id is DiagnosticIds.FileNotFound or DiagnosticIds.PathIsDirectory or DiagnosticIds.FileUnreadable or DiagnosticIds.PatternMatchesNothing;

    /// <summary>Ids that mean a file was not read, so it does not count as validated.</summary>
    public static bool IsReadProblem(string id)
        => id is DiagnosticIds.FileNotFound or DiagnosticIds.PathIsDirectory or DiagnosticIds.FileUnreadable or DiagnosticIds.FileTooLarge;

    /// <summary>
    /// Validates <paramref name="inputs"/> in order. <paramref name="chartVersion"/> applies to inputs without their own;
    /// <paramref name="baselineRef"/> turns on change detection; <paramref name="className"/> is the generated class.
    /// </summary>
    public static PipelineRun Run(PipelineHost host, IEnumerable<ValuesInput> inputs, string? chartVersion, string? baselineRef, string? className = null)
    {
        var diagnostics = new List<Diagnostic>();
        var results = new List<ValuesFileResult>();
        var fullPaths = new List<string>();
        var byPath = new Dictionary<string, ValuesInput>(host.PathComparer);
        bool baselineSkipped = false;
        foreach (var input in inputs)
        {
            if (input.UnmatchedPattern is { } pattern)
            {
                diagnostics.Add(new Diagnostic(DiagnosticIds.PatternMatchesNothing, Severity.Error,
                    $"The pattern '{pattern}' matches no file (relative to {input.FullPath})", pattern, SourceSpan.FileStart));
                continue;
            }

            if (byPath.TryGetValue(input.FullPath, out var earlier))
            {
                if (host.ChecksItemMetadata && (earlier.Namespace != input.Namespace || earlier.ChartVersion != input.ChartVersion))
                {
                    diagnostics.Add(new Diagnostic(DiagnosticIds.ConflictingMetadata, Severity.Error,
                        $"'{input.Item ?? input.DisplayPath}' is listed twice in IdpDynamoValues with different metadata (Namespace '{earlier.Namespace}' vs '{input.Namespace}', ChartVersion '{earlier.ChartVersion}' vs '{input.ChartVersion}'); keep one item",
                        input.FullPath, SourceSpan.FileStart));
                }

                continue;
            }

            byPath[input.FullPath] = input;
            var result = ValuesFileLoader.ValidateFile(input.DisplayPath, input.FullPath, input.Namespace, input.ChartVersion ?? chartVersion, baselineRef, out var skipped);
            if (skipped is not null && !baselineSkipped)
            {
                // Once per run: change detection was asked for but cannot run here (no git, unknown ref, ...).
                baselineSkipped = true;
                diagnostics.Add(new Diagnostic(DiagnosticIds.BaselineSkipped, Severity.Info, $"Change detection against '{baselineRef}' was skipped: {skipped}", input.DisplayPath, SourceSpan.FileStart));
            }

            results.Add(result);
            fullPaths.Add(input.FullPath);
            foreach (var d in result.Diagnostics)
            {
                // Not found, a directory, unreadable: name the item as the project lists it, so it can be found there.
                diagnostics.Add(input.Item is { } item && IsInputProblem(d.Id) ? d with { Message = $"{d.Message}; listed in the project as IdpDynamoValues item '{item}'" } : d);
            }
        }

        diagnostics.AddRange(ValuesValidator.ValidateAcrossFiles(results));
        foreach (var service in Services(host, results, fullPaths))
        {
            diagnostics.AddRange(ValuesValidator.ValidateService(service, string.IsNullOrWhiteSpace(className) ? DefaultClassName : className!.Trim()));
        }

        if (host.WarnsRoleChecksSkipped)
        {
            diagnostics.AddRange(RoleChecksSkipped.Find(results));
        }

        return new PipelineRun(diagnostics, results);
    }

    /// <summary>The files of each service, in order of first appearance.</summary>
    private static IEnumerable<IReadOnlyList<ValuesFileResult>> Services(PipelineHost host, IReadOnlyList<ValuesFileResult> results, IReadOnlyList<string> fullPaths)
    {
        if (host.Grouping == ServiceGrouping.AllFiles)
        {
            yield return results;
            yield break;
        }

        var groups = new List<List<ValuesFileResult>>();
        var byService = new Dictionary<string, List<ValuesFileResult>>(StringComparer.Ordinal);
        for (int i = 0; i < results.Count; i++)
        {
            var result = results[i];
            string? key = PathConventions.ServiceKey(fullPaths[i]);
            if (key is null || !byService.TryGetValue(key, out var group))
            {
                group = new List<ValuesFileResult>();
                groups.Add(group);
                if (key is not null)
                {
                    byService[key] = group;
                }
            }

            group.Add(result);
        }

        foreach (var group in groups)
        {
            yield return group;
        }
    }
}
