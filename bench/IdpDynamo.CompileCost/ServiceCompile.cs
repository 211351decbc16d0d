using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.CompileCost;

/// <summary>The result of one compile: its time, what IdpDynamo reported, and the compiler's per-analyzer clock.</summary>
internal sealed record CompileResult(
    double Milliseconds,
    string? Failed,
    IReadOnlyList<string> IdpDiagnostics,
    IReadOnlyDictionary<string, double> AnalyzerTimes,
    double IdpAnalyzerMs,
    double IdpGeneratorMs);

/// <summary>
/// A service's compile as its Csc command line describes it: the parsed arguments, the source texts, the metadata
/// references and the analyzer configs, read once.
/// </summary>
internal sealed class ServiceCompile
{
    private readonly CSharpCommandLineArguments _args;
    private readonly string _projectDir;
    private readonly ImmutableArray<(string Path, SourceText Text)> _sources;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly ImmutableArray<AdditionalText> _additionalFiles;
    private readonly AnalyzerConfigSet _configs;

    private ServiceCompile(CSharpCommandLineArguments args, string projectDir)
    {
        _args = args;
        _projectDir = projectDir;
        _sources = args.SourceFiles.Select(f => (f.Path, Read(f.Path))).ToImmutableArray();
        _references = args.MetadataReferences.Select(r => (MetadataReference)MetadataReference.CreateFromFile(r.Reference, r.Properties)).ToImmutableArray();
        _additionalFiles = args.AdditionalFiles.Select(f => (AdditionalText)new FileText(f.Path, Read(f.Path))).ToImmutableArray();
        _configs = AnalyzerConfigSet.Create(args.AnalyzerConfigPaths.Select(p => AnalyzerConfig.Parse(File.ReadAllText(p), p)).ToList());
        _treeSeverities = new Lazy<List<ImmutableDictionary<string, ReportDiagnostic>>>(
            () => _sources.Select(s => _configs.GetOptionsForSourcePath(s.Path).TreeOptions).Where(o => o.Count > 0).Distinct().ToList());
    }

    /// <summary>The distinct per-file diagnostic severities the analyzer configs set (dotnet_diagnostic.*.severity).</summary>
    private readonly Lazy<List<ImmutableDictionary<string, ReportDiagnostic>>> _treeSeverities;

    /// <summary>Parses the Csc task's command line (everything after <c>csc.dll</c>), relative to the project folder.</summary>
    public static ServiceCompile Load(string commandLine, string projectDir)
    {
        var arguments = CommandLineParser.SplitCommandLineIntoArguments(commandLine.Trim(), removeHashComments: false);
        var args = CSharpCommandLineParser.Default.Parse(arguments, projectDir, sdkDirectory: null);
        var errors = args.Errors.Where(e => e.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("command line: " + string.Join("; ", errors));
        }

        return new ServiceCompile(args, projectDir);
    }

    public string Describe()
        => $"{_sources.Length} source files, {_references.Length} references, {_args.AnalyzerReferences.Length} analyzer assemblies ({string.Join(", ", _args.AnalyzerReferences.Select(a => Path.GetFileNameWithoutExtension(a.FilePath)).Distinct())})";

    /// <summary>The compile with <paramref name="idpAnalyzers"/> in place of the command line's IdpDynamo.Analyzers.dll (and its companions), or without it (null).</summary>
    public Compiler Variant(string? idpAnalyzers)
    {
        var loader = new DirectoryLoader();
        var references = new List<AnalyzerFileReference>();
        foreach (var reference in _args.AnalyzerReferences)
        {
            string path = reference.FilePath;
            // IdpDynamo.Analyzers.dll and its companions (IdpDynamo.CodeFixes.dll): dropped, or taken from the variant's folder.
            if (Path.GetFileName(path).StartsWith("IdpDynamo.", StringComparison.OrdinalIgnoreCase))
            {
                if (idpAnalyzers is null)
                {
                    continue;
                }

                path = Path.Combine(Path.GetDirectoryName(idpAnalyzers)!, Path.GetFileName(path));
                if (!File.Exists(path))
                {
                    continue; // the package's precompiled folder holds no code fixes, which a build does not run anyway
                }
            }

            loader.AddDependencyLocation(path);
            references.Add(new AnalyzerFileReference(path, loader));
        }

        var analyzers = references.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).Where(RunsInBuild).ToImmutableArray();
        var generators = references.SelectMany(r => r.GetGenerators(LanguageNames.CSharp)).ToImmutableArray();
        return new Compiler(this, analyzers, generators);
    }

    /// <summary>
    /// Whether the command-line compiler runs <paramref name="analyzer"/> in a build without an error log: it skips an
    /// analyzer none of whose diagnostics can be reported as a warning or an error (only Info, Hidden or none, by
    /// default or as the analyzer configs and the command line set them), since the build would not show them.
    /// </summary>
    private bool RunsInBuild(DiagnosticAnalyzer analyzer)
    {
        if (analyzer is DiagnosticSuppressor)
        {
            return true;
        }

        foreach (var descriptor in analyzer.SupportedDiagnostics)
        {
            var configured = _treeSeverities.Value.Where(o => o.TryGetValue(descriptor.Id, out _)).Select(o => o[descriptor.Id]).ToList();
            if (_configs.GlobalConfigOptions.TreeOptions.TryGetValue(descriptor.Id, out var global))
            {
                configured.Add(global);
            }

            if (configured.Count == 0)
            {
                configured.Add(descriptor.GetEffectiveSeverity(_args.CompilationOptions));
            }

            if (configured.Any(severity => severity is ReportDiagnostic.Error or ReportDiagnostic.Warn
                || (severity == ReportDiagnostic.Default && descriptor.IsEnabledByDefault && descriptor.DefaultSeverity >= DiagnosticSeverity.Warning)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What our generator adds to the compile (run once with <paramref name="withIdp"/>), as plain source files for
    /// variant <c>none</c>; also written under obj/ for the fresh-process children.
    /// </summary>
    public Task<ImmutableArray<(string Path, SourceText Text)>> GeneratedSources(Compiler withIdp)
    {
        var driver = withIdp.Drive(Compilation(ImmutableArray<(string, SourceText)>.Empty), out _);
        var sources = driver.GetRunResult().Results
            .Where(r => r.Generator.GetGeneratorType().Assembly.GetName().Name == "IdpDynamo.Analyzers")
            .SelectMany(r => r.GeneratedSources)
            .Select(s => (Path: Path.Combine(GeneratedDir, s.HintName), Text: s.SourceText))
            .ToImmutableArray();
        Directory.CreateDirectory(GeneratedDir);
        foreach (var file in Directory.GetFiles(GeneratedDir))
        {
            File.Delete(file);
        }

        foreach (var (path, text) in sources)
        {
            File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        }

        return Task.FromResult(sources);
    }

    public ImmutableArray<(string Path, SourceText Text)> GeneratedSourcesFromDisk()
        => Directory.GetFiles(GeneratedDir).OrderBy(p => p, StringComparer.Ordinal).Select(p => (p, Read(p))).ToImmutableArray();

    private string GeneratedDir => Path.Combine(_projectDir, "obj", "compile-cost-generated");

    internal CSharpCompilation Compilation(ImmutableArray<(string Path, SourceText Text)> extra)
    {
        var all = _sources.AddRange(extra);
        var trees = new SyntaxTree[all.Length];
        Parallel.For(0, all.Length, i => trees[i] = CSharpSyntaxTree.ParseText(all[i].Text, _args.ParseOptions, all[i].Path));
        var options = _args.CompilationOptions.WithSyntaxTreeOptionsProvider(new TreeOptions(_configs));
        return CSharpCompilation.Create(_args.CompilationName, trees, _references, options);
    }

    internal AnalyzerOptions AnalyzerOptions => new(_additionalFiles, new OptionsProvider(_configs));

    internal ImmutableArray<AdditionalText> AdditionalFiles => _additionalFiles;

    internal CSharpParseOptions ParseOptions => _args.ParseOptions;

    internal EmitOptions EmitOptions => _args.EmitOptions;

    private static SourceText Read(string path)
    {
        using var stream = File.OpenRead(path);
        return SourceText.From(stream, Encoding.UTF8, SourceHashAlgorithm.Sha256);
    }

    private sealed class FileText(string path, SourceText text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }

    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);

        public override IEnumerable<string> Keys => values.Keys;
    }

    /// <summary>The analyzer config options per file, as the compiler computes them from the .editorconfig/.globalconfig files.</summary>
    private sealed class OptionsProvider(AnalyzerConfigSet configs) : AnalyzerConfigOptionsProvider
    {
        private readonly ConcurrentDictionary<string, AnalyzerConfigOptions> _byPath = new(StringComparer.Ordinal);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(configs.GlobalConfigOptions.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => For(tree.FilePath);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => For(textFile.Path);

        private AnalyzerConfigOptions For(string path)
            => _byPath.GetOrAdd(path, p => new DictionaryOptions(configs.GetOptionsForSourcePath(p).AnalyzerOptions));
    }

    /// <summary>Diagnostic severities per tree and globally from the analyzer configs, as the compiler applies them.</summary>
    private sealed class TreeOptions(AnalyzerConfigSet configs) : SyntaxTreeOptionsProvider
    {
        private readonly ConcurrentDictionary<SyntaxTree, AnalyzerConfigOptionsResult> _byTree = new();

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken)
            => For(tree).AnalyzerOptions.TryGetValue("generated_code", out var value) && bool.TryParse(value, out bool generated)
                ? generated ? GeneratedKind.MarkedGenerated : GeneratedKind.NotGenerated
                : GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => For(tree).TreeOptions.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => configs.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);

        private AnalyzerConfigOptionsResult For(SyntaxTree tree) => _byTree.GetOrAdd(tree, t => configs.GetOptionsForSourcePath(t.FilePath));
    }

    /// <summary>
    /// Loads each analyzer directory into its own load context (so two builds of IdpDynamo.Analyzers.dll can be compared
    /// in one process), sharing the compiler's and the runtime's assemblies with the host, as the compiler does.
    /// </summary>
    private sealed class DirectoryLoader : IAnalyzerAssemblyLoader
    {
        private static readonly ConcurrentDictionary<string, DirectoryContext> Contexts = new(StringComparer.Ordinal);

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath)
            => Contexts.GetOrAdd(Path.GetDirectoryName(fullPath)!, d => new DirectoryContext(d)).LoadFromAssemblyPath(fullPath);

        private sealed class DirectoryContext(string directory) : AssemblyLoadContext("analyzers " + directory)
        {
            protected override Assembly? Load(AssemblyName assemblyName)
            {
                if (Default.Assemblies.FirstOrDefault(a => a.GetName().Name == assemblyName.Name) is { } shared)
                {
                    return shared;
                }

                if (assemblyName.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !File.Exists(Path.Combine(directory, assemblyName.Name + ".dll")))
                {
                    return Default.LoadFromAssemblyName(assemblyName);
                }

                string candidate = Path.Combine(directory, assemblyName.Name + ".dll");
                return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
            }
        }
    }
}

/// <summary>One variant's analyzers and generators over the service's inputs.</summary>
internal sealed class Compiler(ServiceCompile service, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<ISourceGenerator> generators)
{
    internal GeneratorDriver Drive(CSharpCompilation compilation, out Compilation output)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, service.AdditionalFiles, service.ParseOptions, service.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out output, out _);
        return driver;
    }

    /// <summary>
    /// IdpDynamo's shipped analyzer, then each of its rules (the DiagnosticAnalyzer types of its assembly without
    /// [DiagnosticAnalyzer]), alone on a fresh compilation of the generated program: median ms of analysis per analyzer.
    /// </summary>
    public async Task<List<(string Name, double Milliseconds)>> TimeAlone(int rounds)
    {
        var shipped = analyzers.Where(a => a.GetType().Assembly.GetName().Name == "IdpDynamo.Analyzers").ToList();
        var rules = shipped.Select(a => a.GetType().Assembly).Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is null && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);
        var candidates = shipped.Concat(rules).ToList();
        var times = candidates.ToDictionary(a => a, _ => new List<double>());
        for (int round = -1; round < rounds; round++)
        {
            foreach (var analyzer in candidates)
            {
                Drive(service.Compilation(ImmutableArray<(string, SourceText)>.Empty), out var output);
                var clock = Stopwatch.StartNew();
                await output.WithAnalyzers(ImmutableArray.Create(analyzer), new CompilationWithAnalyzersOptions(service.AnalyzerOptions, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false))
                    .GetAnalyzerDiagnosticsAsync();
                if (round >= 0)
                {
                    times[analyzer].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        return candidates.Select(a => (a.GetType().Name, times[a].OrderBy(t => t).ElementAt(times[a].Count / 2))).ToList();
    }

    /// <summary>Parse, generators, binding and every analyzer (concurrently, as the compiler runs them), then emit.</summary>
    public async Task<CompileResult> Compile(ImmutableArray<(string Path, Microsoft.CodeAnalysis.Text.SourceText Text)>? extraSources, bool telemetry)
    {
        var clock = Stopwatch.StartNew();
        var compilation = service.Compilation(extraSources ?? ImmutableArray<(string, Microsoft.CodeAnalysis.Text.SourceText)>.Empty);
        var driver = Drive(compilation, out var output);
        var withAnalyzers = output.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(service.AnalyzerOptions, null, concurrentAnalysis: true, logAnalyzerExecutionTime: telemetry, reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emit = output.Emit(pe, pdb, options: service.EmitOptions);
        double ms = clock.Elapsed.TotalMilliseconds;

        string? failed = diagnostics.Concat(emit.Diagnostics).FirstOrDefault(d => d.Id is "AD0001" or "CS8785" or "IDPDYN999" || d.Severity == DiagnosticSeverity.Error) is { } bad ? bad.ToString() : null;
        // What a build without an error log shows: warnings and errors (it runs no analyzer that reports only Info).
        var idp = diagnostics.Where(d => d.Id.StartsWith("IDPDYN", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => $"{d.Id} {Path.GetFileName(d.Location.GetLineSpan().Path)}({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}): {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        double idpMs = 0, idpGeneratorMs = 0;
        if (telemetry)
        {
            // The analysis result carries the execution times of the run above (GetAnalyzerTelemetryInfoAsync's are zero).
            var analysis = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
            foreach (var analyzer in analyzers)
            {
                var info = analysis.AnalyzerTelemetryInfo.GetValueOrDefault(analyzer) ?? new Microsoft.CodeAnalysis.Diagnostics.Telemetry.AnalyzerTelemetryInfo();
                string name = analyzer.GetType().FullName!;
                times[name] = times.GetValueOrDefault(name) + info.ExecutionTime.TotalMilliseconds;
                if (analyzer.GetType().Assembly.GetName().Name == "IdpDynamo.Analyzers")
                {
                    idpMs += info.ExecutionTime.TotalMilliseconds;
                }
            }

            foreach (var generator in driver.GetTimingInfo().GeneratorTimes)
            {
                if (generator.Generator.GetGeneratorType().Assembly.GetName().Name == "IdpDynamo.Analyzers")
                {
                    idpGeneratorMs += generator.ElapsedTime.TotalMilliseconds;
                }
            }
        }

        return new CompileResult(ms, failed, idp, times, idpMs, idpGeneratorMs);
    }
}
