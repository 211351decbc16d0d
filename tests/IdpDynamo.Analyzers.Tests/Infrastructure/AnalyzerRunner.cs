using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Testing;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>Everything one analyzer run produced, for tests that look beyond the diagnostics (timing, messages).</summary>
internal sealed record AnalyzerRun(
    Compilation Compilation,
    ImmutableArray<Diagnostic> Diagnostics,
    IReadOnlyList<string> Sources,
    IReadOnlyDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo> Telemetry);

/// <summary>
/// Runs the generator and analyzers on one compilation without Microsoft.CodeAnalysis.Testing, for what
/// <see cref="AnalyzerVerifier{TAnalyzer}"/> cannot give: the analyzers' execution-time telemetry, the compilation
/// itself, and whole-service checks written as lists of reported spans. The sources are compiled like the verifier's
/// (same references, options and values-file set-up), the generator runs first (its output must compile), and every
/// run asserts that no analyzer threw (AD0001, IDPDYN999) and that nothing was reported inside generated code.
/// </summary>
internal static class AnalyzerRunner
{
    /// <summary>
    /// Compiles <paramref name="markups"/> (the library's markup taken out: <c>Test0.cs</c>, <c>Test1.cs</c>…), runs the
    /// generator and the analyzers; asserts only what must hold for any run.
    /// </summary>
    public static async Task<AnalyzerRun> RunAsync(DiagnosticAnalyzer[] analyzers, IEnumerable<string> markups, (string Path, string Yaml)[] values, VerifyOptions options)
    {
        var sources = markups.Select(StripMarkup).ToList();
        var compilation = CompilationFactory.Create(sources, options.Sdk, usesGeneratedCode: true);
        if (options.Executable)
        {
            compilation = compilation.WithOptions(compilation.Options.WithOutputKind(OutputKind.ConsoleApplication));
        }

        if (options.ConfigurationReferences || options.AppSettings.Count > 0)
        {
            compilation = compilation.AddReferences(TestReferences.Configuration);
        }

        var texts = values.Select(v => (AdditionalText)new InMemoryAdditionalText(v.Path, v.Yaml)).ToImmutableArray();
        var provider = new TestOptionsProvider().WithProperty("RootNamespace", options.RootNamespace);
        foreach (var (path, _) in options.AppSettings)
        {
            provider = provider.WithMetadata(path, "IdpDynamoAppSettings", "true");
        }

        if (options.ServiceRole is { } role)
        {
            provider = provider.WithProperty("IdpDynamoServiceRole", role);
        }

        if (options.MarkValuesFiles)
        {
            foreach (var text in texts)
            {
                provider = provider.WithValuesFile(text.Path);
            }
        }

        Compilation output = compilation;
        if (options.RunGenerator)
        {
            output = GeneratorHarness.Run(compilation, texts, provider).OutputCompilation;
        }
        else
        {
            CompilationFactory.AssertNoErrors(compilation, "The test input does not compile");
        }

        var exceptions = new ConcurrentBag<string>();
        var withAnalyzers = output.WithAnalyzers(
            analyzers.ToImmutableArray(),
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(texts.AddRange(options.AppSettings.Select(a => (AdditionalText)new InMemoryAdditionalText(a.Path, a.Json))), provider),
                onAnalyzerException: (ex, analyzer, diagnostic) => exceptions.Add($"{analyzer.GetType().Name}: {ex}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        Assert.True(exceptions.IsEmpty, "An analyzer threw:\n" + string.Join("\n", exceptions));
        var crashes = diagnostics.Where(d => d.Id is "AD0001" or "IDPDYN999").ToList();
        Assert.True(crashes.Count == 0, "An analyzer failed:\n" + string.Join("\n", crashes));

        var userTrees = new HashSet<SyntaxTree>(compilation.SyntaxTrees);
        var inGenerated = diagnostics.Where(d => d.Location.SourceTree is { } tree && !userTrees.Contains(tree)).ToList();
        Assert.True(inGenerated.Count == 0, "Diagnostics were reported inside generated code:\n" + string.Join("\n", inGenerated));

        var telemetry = new Dictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo>();
        foreach (var analyzer in analyzers)
        {
            telemetry[analyzer] = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
        }

        return new AnalyzerRun(output, diagnostics, sources, telemetry);
    }

    /// <summary>The source without Microsoft.CodeAnalysis.Testing's markup (<c>[|…|]</c>, <c>{|ID:…|}</c>, <c>{|#0:…|}</c>).</summary>
    public static string StripMarkup(string markup)
    {
        TestFileMarkupParser.GetSpans(markup, out string source, out ImmutableDictionary<string, ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan>> _);
        return source;
    }
}
