using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using IdpDynamo.Analyzers.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>One generator run: the driver to run again (incremental tests), its result and the updated compilation.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorRunResult Result, Compilation OutputCompilation)
{
    /// <summary>The text of IdpDynamo.Tables.g.cs, or null when the generator added nothing.</summary>
    public string? GeneratedText => Result.GeneratedSources.Select(s => s.SourceText.ToString()).SingleOrDefault();

    /// <summary>The generated tree inside <see cref="OutputCompilation"/>.</summary>
    public SyntaxTree? GeneratedTree => Result.GeneratedSources.Select(s => s.SyntaxTree).SingleOrDefault();
}

/// <summary>
/// Runs <see cref="DynamoAccessorsGenerator"/> the way the compiler does, with step tracking on, and asserts what
/// must hold for every run: no exception, no diagnostic from the generator (it owns none; an IDPDYN999 or CS8785
/// means a bug), and an output compilation without errors.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>A driver over <paramref name="additionalTexts"/>, ready for <see cref="Run(GeneratorDriver, Compilation)"/>.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> additionalTexts, AnalyzerConfigOptionsProvider options)
        => CSharpGeneratorDriver.Create(
            new[] { new DynamoAccessorsGenerator().AsSourceGenerator() },
            additionalTexts,
            CompilationFactory.ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Creates a driver and runs it once on <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(Compilation compilation, IEnumerable<AdditionalText> additionalTexts, AnalyzerConfigOptionsProvider options)
        => Run(CreateDriver(additionalTexts, options), compilation);

    /// <summary>
    /// The common case: <paramref name="files"/> (path, YAML) as IdpDynamoValues items, <c>RootNamespace</c>
    /// <c>Webshop.Orders</c> unless <paramref name="options"/> are given, and <paramref name="sources"/> that may use
    /// the generated accessors (they are checked after generation, with the output compilation).
    /// </summary>
    public static GeneratorRun RunOnValues(IEnumerable<(string Path, string Yaml)> files, bool withAwsSdk, TestOptionsProvider? options = null, params string[] sources)
    {
        var texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Yaml)).ToList();
        options ??= new TestOptionsProvider().WithProperty("RootNamespace", "Webshop.Orders");
        foreach (var text in texts)
        {
            options = options.WithValuesFile(text.Path);
        }

        return Run(CompilationFactory.Create(sources, withAwsSdk, usesGeneratedCode: true), texts, options);
    }

    /// <summary>Runs <paramref name="driver"/> (again) on <paramref name="compilation"/>; the returned driver holds the new state.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out ImmutableArray<Diagnostic> diagnostics);
        var result = driver.GetRunResult().Results.Single();

        Assert.True(result.Exception is null, $"The generator threw: {result.Exception}");
        Assert.True(diagnostics.IsEmpty, "The generator reported diagnostics:\n" + string.Join("\n", diagnostics));
        Assert.True(result.Diagnostics.IsEmpty, "The generator reported diagnostics:\n" + string.Join("\n", result.Diagnostics));
        var generated = result.GeneratedSources.Select(s => s.SyntaxTree).ToList();
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0,
            "The output compilation has errors:\n" + string.Join("\n", errors)
            + "\n\n" + string.Join("\n", generated.Select(t => t.GetText().ToString())));
        return new GeneratorRun(driver, result, output);
    }
}
