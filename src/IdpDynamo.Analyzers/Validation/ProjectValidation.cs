using System.IO;
using System.Runtime.CompilerServices;
using IdpDynamo.Analyzers.Generation;
using IdpDynamo.Schema;
using IdpDynamo.Schema.Model;
using IdpDynamo.Schema.Validation;

namespace IdpDynamo.Analyzers.Validation;

/// <summary>
/// The values-file diagnostics of a compilation's IdpDynamoValues files, computed as the MSBuild task computes them:
/// each file through <see cref="ValuesValidator.Validate(byte[], ValuesFileSettings, YamlParse, CancellationToken)"/>
/// with the same settings (namespace, chart version, sibling application.yaml, repository namespaces and roles), then
/// <see cref="ValuesValidator.ValidateProject"/> over all of them. Per file the result is cached on its
/// <see cref="AdditionalText"/> (and reuses the one parse of <see cref="ValuesText"/>); the project result is cached
/// per <see cref="AnalyzerOptions"/>, so the additional-file actions of one analysis share it.
/// </summary>
/// <remarks>
/// Not reported here, because the compiler cannot see what they need: change detection against a git baseline
/// (IdpDynamoBaselineRef: IDPDYN046–049, 057, 067, 106, 107, 131), IDPDYN120–122 (the compiler reports an
/// AdditionalFile it cannot read itself) and IDPDYN128 (item metadata of one file listed twice).
/// </remarks>
internal sealed class ProjectValidation
{
    private static readonly ConditionalWeakTable<AnalyzerOptions, ProjectValidation> Cache = new();
    private static readonly ConditionalWeakTable<AdditionalText, FileSlot> Files = new();

    private readonly Dictionary<string, List<Schema.Diagnostic>> _byFile;

    private readonly HashSet<AdditionalText> _values;

    private ProjectValidation(Dictionary<string, List<Schema.Diagnostic>> byFile, AdditionalText? first, Dictionary<string, AdditionalText> texts, HashSet<AdditionalText> values)
    {
        _byFile = byFile;
        _values = values;
        First = first;
        Texts = texts;
    }

    /// <summary>The first values file; diagnostics of files the compiler does not see are reported on it.</summary>
    public AdditionalText? First { get; }

    /// <summary>The AdditionalText that reports each path's diagnostics (the first with that path).</summary>
    public IReadOnlyDictionary<string, AdditionalText> Texts { get; }

    /// <summary>Whether <paramref name="text"/> is one of the validated values files.</summary>
    public bool IsValuesFile(AdditionalText text) => _values.Contains(text);

    /// <summary>The diagnostics located in <paramref name="path"/>.</summary>
    public IReadOnlyList<Schema.Diagnostic> In(string path) => _byFile.TryGetValue(path, out var list) ? list : Array.Empty<Schema.Diagnostic>();

    /// <summary>The diagnostics located in no AdditionalFile of the compilation.</summary>
    public IEnumerable<Schema.Diagnostic> Elsewhere()
    {
        foreach (var pair in _byFile)
        {
            if (!Texts.ContainsKey(pair.Key))
            {
                foreach (var d in pair.Value)
                {
                    yield return d;
                }
            }
        }
    }

    public static ProjectValidation Get(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (Cache.TryGetValue(options, out var cached))
        {
            return cached;
        }

        var computed = Compute(options, cancellationToken);
        return Cache.GetValue(options, _ => computed);
    }

    private static ProjectValidation Compute(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        var global = provider.GlobalOptions;
        string? chartVersion = LiveValidationOptions.Read(global, LiveValidationOptions.ChartVersionKey);

        var texts = new Dictionary<string, AdditionalText>(StringComparer.Ordinal);
        var values = new List<(AdditionalText Text, AnalyzerConfigOptions Options)>();
        var seenValues = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        IReadOnlyDictionary<string, RepositoryContextFile.Entry> repository = new Dictionary<string, RepositoryContextFile.Entry>();
        foreach (var text in options.AdditionalFiles)
        {
            if (!texts.ContainsKey(text.Path))
            {
                texts[text.Path] = text;
            }

            var fileOptions = provider.GetOptions(text);
            if (ValuesAdditionalFile.IsValuesFile(fileOptions))
            {
                // Listed twice: validated once, as the task does.
                if (seenValues.Add(text.Path))
                {
                    values.Add((text, fileOptions));
                }
            }
            else if (Path.GetFileName(text.Path) == RepositoryContextFile.FileName && text.GetText(cancellationToken) is { } source)
            {
                repository = RepositoryContextFile.Parse(source.ToString());
            }
        }

        var results = new List<ValuesFileResult>(values.Count);
        var byFile = new Dictionary<string, List<Schema.Diagnostic>>(StringComparer.Ordinal);
        foreach (var (text, fileOptions) in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = Validate(text, fileOptions, chartVersion, texts, repository, cancellationToken);
            results.Add(result);
            foreach (var d in result.Diagnostics)
            {
                Add(byFile, d);
            }
        }

        foreach (var d in ValuesValidator.ValidateProject(results, LiveValidationOptions.ClassName(global)))
        {
            Add(byFile, d);
        }

        return new ProjectValidation(byFile, values.Count > 0 ? values[0].Text : null, texts, new HashSet<AdditionalText>(values.Select(v => v.Text)));
    }

    private static void Add(Dictionary<string, List<Schema.Diagnostic>> byFile, Schema.Diagnostic diagnostic)
    {
        if (!byFile.TryGetValue(diagnostic.File, out var list))
        {
            byFile[diagnostic.File] = list = new List<Schema.Diagnostic>();
        }

        list.Add(diagnostic);
    }

    /// <summary>One values file with the settings the task would use for it; cached while they stay the same.</summary>
    private static ValuesFileResult Validate(AdditionalText text, AnalyzerConfigOptions fileOptions, string? chartVersion, Dictionary<string, AdditionalText> texts, IReadOnlyDictionary<string, RepositoryContextFile.Entry> repository, CancellationToken cancellationToken)
    {
        string path = text.Path;
        string? ns = LiveValidationOptions.Read(fileOptions, ValuesAdditionalFile.NamespaceKey) ?? PathConventions.NamespaceFromPath(path);
        string? version = LiveValidationOptions.Read(fileOptions, LiveValidationOptions.ItemChartVersionKey) ?? chartVersion;
        string? directory = Path.GetDirectoryName(path);
        string applicationPath = string.IsNullOrEmpty(directory) ? "application.yaml" : Path.Combine(directory, "application.yaml");
        texts.TryGetValue(applicationPath, out var application);
        repository.TryGetValue(path, out var context);

        var key = new FileKey(ns, version, application, context?.Key);
        var slot = Files.GetValue(text, static _ => new FileSlot());
        if (slot.Entry is { } entry && entry.Key == key)
        {
            return entry.Result;
        }

        var read = ValuesText.Get(text, cancellationToken);
        var settings = new ValuesFileSettings(path, ns, version)
        {
            ApplicationYaml = application?.GetText(cancellationToken)?.ToString(),
            KnownNamespaces = context?.KnownNamespaces ?? Array.Empty<string>(),
            RepositoryRoles = context?.Roles,
        };
        settings = settings with { ApplicationYamlPath = settings.ApplicationYaml is null ? null : applicationPath };
        var result = ValuesValidator.Validate(read.Bytes(), settings, read.Parse, cancellationToken);
        slot.Entry = new FileEntry(key, result); // two callers racing both validate; either result is the same
        return result;
    }

    /// <summary>What a file's result depends on besides its text (the application.yaml by instance: a changed one is new).</summary>
    private sealed record FileKey(string? Namespace, string? ChartVersion, AdditionalText? ApplicationYaml, string? Repository);

    private sealed record FileEntry(FileKey Key, ValuesFileResult Result);

    private sealed class FileSlot
    {
        public volatile FileEntry? Entry;
    }
}
