using System.Threading;
using IdpDynamo.Schema.Model;
using IdpDynamo.Schema.ChartSchema;
using IdpDynamo.Schema.Validation.Rules;
using IdpDynamo.Schema.Yaml;

namespace IdpDynamo.Schema.Validation;

/// <summary>Everything the validator needs to know about one values file besides its bytes.</summary>
/// <param name="DisplayPath">The path as the user gave it; diagnostics name this path.</param>
/// <param name="Namespace">The Kubernetes namespace, or null when it cannot be derived.</param>
/// <param name="ExplicitChartVersion">CLI --chart-version / MSBuild IdpDynamoChartVersion, used when no application.yaml pins one.</param>
/// <param name="ApplicationYaml">Text of the sibling application.yaml, or null.</param>
/// <param name="ApplicationYamlPath">Display path of that application.yaml.</param>
/// <param name="KnownNamespaces">Other namespaces of the apps repository, for hints.</param>
/// <param name="BaselineText">The same file at <paramref name="BaselineRef"/> (change detection), or null.</param>
/// <param name="BaselineRef">The git ref the baseline was read from, e.g. origin/main.</param>
/// <param name="RepositoryRoles">Roles that idp-advanced applications of the apps repository create (IDPDYN081), or null.</param>
internal sealed record ValuesFileSettings(
    string DisplayPath,
    string? Namespace,
    string? ExplicitChartVersion = null,
    string? ApplicationYaml = null,
    string? ApplicationYamlPath = null,
    IReadOnlyCollection<string>? KnownNamespaces = null,
    string? BaselineText = null,
    string? BaselineRef = null,
    IReadOnlyList<RepositoryRole>? RepositoryRoles = null);

/// <summary>A role an idp-advanced application of the apps repository creates (<c>&lt;service&gt;-&lt;app dir&gt;-&lt;ns&gt;</c>).</summary>
internal sealed record RepositoryRole(string Role, string Application, bool IrsaDisabled);

/// <summary>The outcome of validating one file: its diagnostics and, when the file could be read, its model.</summary>
internal sealed record ValuesFileResult(ValuesFileSettings Settings, ValuesFile? Model, IReadOnlyList<Diagnostic> Diagnostics, bool Skipped);

/// <summary>Reads decoded YAML text into a document, reporting its problems to the bag (as <see cref="YamlReader.Read"/>).</summary>
internal delegate YamlDocument YamlParse(string text, DiagnosticBag bag, CancellationToken cancellationToken);

/// <summary>
/// The validator core: bytes of a values file in, every rule of docs/rules out (with 1-based positions), plus the model the
/// generator and the task use. Pure (no I/O) and never throws: an unexpected exception becomes IDPDYN999.
/// </summary>
internal static class ValuesValidator
{
    /// <summary>Files above this size are not parsed (IDPDYN130); Helm keeps a release in a 1 MiB Secret anyway.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>What <see cref="Validate"/> can report: every schema rule, a file that is not a values file, one too large, the internal error.</summary>
    public static IEnumerable<string> ReportedIds
        => DiagnosticIds.All.Where(r => r.Category == DiagnosticIds.CategorySchema).Select(r => r.Id)
            .Concat(new[] { DiagnosticIds.NotAValuesFile, DiagnosticIds.FileTooLarge, DiagnosticIds.InternalError });

    /// <summary>What <see cref="ValidateAcrossFiles"/> can report.</summary>
    public static IEnumerable<string> AcrossFilesReportedIds => new[] { DiagnosticIds.TableDefinedTwice, DiagnosticIds.NamespaceUnknown, DiagnosticIds.InternalError };

    public static ValuesFileResult Validate(byte[] content, ValuesFileSettings settings, CancellationToken cancellationToken = default)
        => Validate(content, settings, YamlReader.Read, cancellationToken);

    /// <summary>
    /// As <see cref="Validate(byte[], ValuesFileSettings, CancellationToken)"/>, with the YAML read by
    /// <paramref name="parse"/>: a host that already holds the parse of the same text (the Roslyn component, which
    /// reads each AdditionalText once for the generator and the analyzers) hands it over instead of reading it again.
    /// <paramref name="parse"/> must behave as <see cref="YamlReader.Read"/> does, reporting the same diagnostics to the bag.
    /// </summary>
    public static ValuesFileResult Validate(byte[] content, ValuesFileSettings settings, YamlParse parse, CancellationToken cancellationToken = default)
    {
        var bag = new DiagnosticBag(settings.DisplayPath);
        ValuesFile? model = null;
        try
        {
            if (content.Length > MaxFileBytes)
            {
                bag.Add(TooLarge(content.Length, settings.DisplayPath));
                return new ValuesFileResult(settings, null, Sorted(bag), false);
            }

            var version = ChartVersionResolver.Resolve(settings.ApplicationYaml, settings.ApplicationYamlPath, settings.ExplicitChartVersion, bag, settings.DisplayPath);
            if (version.Skip)
            {
                return new ValuesFileResult(settings, null, Sorted(bag), true);
            }

            string? text = YamlDecoder.Decode(content, bag);
            if (text is not null)
            {
                model = ValidateText(text, settings, version, bag, parse, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            bag.Report(DiagnosticIds.InternalError, SourceSpan.FileStart, InternalErrorMessage(ex));
        }

        return new ValuesFileResult(settings, model, Sorted(bag), false);
    }

    /// <summary>IDPDYN130 for a file of <paramref name="bytes"/> bytes.</summary>
    public static Diagnostic TooLarge(long bytes, string displayPath)
        => new(DiagnosticIds.FileTooLarge, Severity.Error,
            $"The file is {Math.Round(bytes / (1024.0 * 1024.0), 1).ToString(System.Globalization.CultureInfo.InvariantCulture)} MiB; a values file above {MaxFileBytes / (1024 * 1024)} MiB cannot be deployed (Helm stores a release in a 1 MiB Secret) and is not validated",
            displayPath, SourceSpan.FileStart);

    public static string InternalErrorMessage(Exception ex)
        => $"Internal error while validating this file; this is a bug in IdpDynamo.Build, please report it: {ex.GetType().Name}: {ex.Message}";

    private static ValuesFile? ValidateText(string text, ValuesFileSettings settings, ChartVersionInfo version, DiagnosticBag bag, YamlParse parse, CancellationToken cancellationToken)
    {
        ChartVersionResolver.CheckModeline(text, version, bag);
        var document = parse(text, bag, cancellationToken);
        if (document.Root is null && bag.HasErrors)
        {
            return null;
        }

        var schema = SchemaBundle.Get(version.SchemaVersion);
        bool isValuesFile = StructuralValidator.Validate(document, schema, bag);
        var model = ValuesModelBuilder.Build(settings.DisplayPath, settings.Namespace, version.SchemaVersion, document.Root);
        if (!isValuesFile)
        {
            return model;
        }

        var ctx = new RuleContext(model, bag, settings.KnownNamespaces, settings.RepositoryRoles);
        NameRules.Run(ctx);
        KeyRules.Run(ctx);
        TableRules.Run(ctx);
        IndexRules.Run(ctx);
        AccessRules.Run(ctx);
        PolicyRules.Run(ctx);
        if (settings.BaselineText is { } baselineText && settings.BaselineRef is { } baselineRef)
        {
            // The baseline only needs to be readable: its own problems were reported when it was merged.
            var baselineDocument = YamlReader.Read(baselineText, new DiagnosticBag(settings.DisplayPath), cancellationToken);
            if (baselineDocument.Root is YMapping)
            {
                var baseline = ValuesModelBuilder.Build(settings.DisplayPath, settings.Namespace, version.SchemaVersion, baselineDocument.Root);
                ChangeRules.Run(ctx, baseline, baselineRef);
            }
        }

        return model;
    }

    /// <summary>
    /// What the files of one project add to their own diagnostics, for the Roslyn component (live validation):
    /// <see cref="ValidateAcrossFiles"/>, then <see cref="ValidateService"/> over all of them (a project is one service).
    /// </summary>
    public static IReadOnlyList<Diagnostic> ValidateProject(IReadOnlyList<ValuesFileResult> files, string generatedClassName)
    {
        var result = new List<Diagnostic>(ValidateAcrossFiles(files));
        result.AddRange(ValidateService(files, generatedClassName));
        return result;
    }

    /// <summary>
    /// The checks over the environments of one service, for every host (the MSBuild task, the CLI per service, the
    /// Roslyn component): the environments compared (IDPDYN126/127), and IDPDYN129 for names the generated class
    /// <paramref name="generatedClassName"/> has to number.
    /// </summary>
    public static IReadOnlyList<Diagnostic> ValidateService(IReadOnlyList<ValuesFileResult> service, string generatedClassName)
    {
        var result = new List<Diagnostic>(EnvironmentComparer.Compare(service));
        try
        {
            var accessors = AccessorSchema.Build(service.Where(r => r.Model is not null).Select(r => r.Model!), generatedClassName);
            foreach (var collision in accessors.Collisions)
            {
                result.Add(new Diagnostic(DiagnosticIds.IdentifierCollision, Severity.Warning,
                    $"The {collision.Scope} '{collision.Name}' maps to the same C# identifier as '{collision.Other}'; the generated accessor is named '{collision.Identifier}'",
                    collision.File, collision.Span));
            }
        }
        catch (Exception ex)
        {
            result.Add(new Diagnostic(DiagnosticIds.InternalError, Severity.Error, InternalErrorMessage(ex), service.Count > 0 ? service[0].Settings.DisplayPath : "", SourceSpan.FileStart));
        }

        return result;
    }

    /// <summary>Rules that need several files: IDPDYN033 across files of one namespace, and IDPDYN125 once per run.</summary>
    public static IReadOnlyList<Diagnostic> ValidateAcrossFiles(IReadOnlyList<ValuesFileResult> files)
    {
        var result = new List<Diagnostic>();
        try
        {
            // Same rendered name and region in two files of a namespace: an error; same name in another region: a warning.
            var registry = new TableNameRegistry();
            foreach (var file in files)
            {
                if (file.Model is not { Namespace: { } ns } model)
                {
                    continue;
                }

                string path = file.Settings.DisplayPath;
                var reported = new HashSet<string>(StringComparer.Ordinal);
                foreach (var table in model.Tables)
                {
                    string rendered = table.RenderedName(ns);
                    string key = ns + "\n" + rendered;
                    if (registry.Check(key, rendered, path, table) is { } duplicate && reported.Add(TableNameRegistry.ReportedKey(duplicate, key, table)))
                    {
                        result.Add(duplicate);
                    }
                }

                // Register this file's tables after checking it: duplicates inside one file are the file's own rule.
                foreach (var table in model.Tables)
                {
                    if (table.Name is not null)
                    {
                        registry.Add(ns + "\n" + table.RenderedName(ns), path, table);
                    }
                }
            }

            var withoutNamespace = files.Where(f => f.Settings.Namespace is null && !f.Skipped && f.Model is not null).ToList();
            if (withoutNamespace.Count > 0)
            {
                string which = withoutNamespace.Count == 1 ? "this values file" : $"{withoutNamespace.Count} values files";
                result.Add(new Diagnostic(DiagnosticIds.NamespaceUnknown, Severity.Info,
                    $"The Kubernetes namespace of {which} could not be derived (no 'apps/<namespace>/' in the path); role checks ({DiagnosticIds.RoleOfAnotherNamespace}) are skipped and table-name lengths assume a 63-character namespace. Set the namespace explicitly (CLI --namespace, MSBuild item metadata Namespace)",
                    withoutNamespace[0].Settings.DisplayPath, SourceSpan.FileStart));
            }
        }
        catch (Exception ex)
        {
            result.Add(new Diagnostic(DiagnosticIds.InternalError, Severity.Error, InternalErrorMessage(ex), files.Count > 0 ? files[0].Settings.DisplayPath : "", SourceSpan.FileStart));
        }

        return result;
    }

    // OrderBy is a stable sort: diagnostics at one position keep the order they were reported in. (Over the
    // diagnostics themselves, not index tuples: instantiations over value tuples have no precompiled code.)
    private static IReadOnlyList<Diagnostic> Sorted(DiagnosticBag bag)
        => bag.Items
            .OrderBy(d => d.File == bag.File ? 0 : 1)
            .ThenBy(d => d.Span.Line)
            .ThenBy(d => d.Span.Column)
            .ToList();
}
