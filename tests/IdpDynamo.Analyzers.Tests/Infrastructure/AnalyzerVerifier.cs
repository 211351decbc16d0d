using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers;
using IdpDynamo.Analyzers.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

// Analyzer tests on Microsoft.CodeAnalysis.Testing. In a test class:
//
//     using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.UnknownTableAnalyzer>;
//
//     await VerifyCS.VerifyAnalyzerAsync(markup, yaml);                       // one source, values file at ValuesPath
//     await VerifyCS.VerifyAnalyzerAsync(markup, yaml, new VerifyOptions { ServiceRole = "orders-api-<ns>" },
//         VerifyCS.Diagnostic("IDPDYN201").WithLocation(0).WithMessage("Table 'Ordrs' is not declared ..."));
//     await VerifyCS.VerifyAnalyzerAsync(new[] { source0, source1 }, new[] { (path0, yaml0), (path1, yaml1) }, options);
//     await AllAnalyzersVerifier.VerifyAnalyzerAsync(markups, values, options);   // every analyzer of the package
//
// Markup is the library's: [|...|] is the rule under test (the analyzer's first rule other than IDPDYN999),
// {|IDPDYN201:...|} names an id (spans nest), {|#0:...|} is a location for VerifyCS.Diagnostic(...).WithLocation(0).
// Sources are /0/Test0.cs, /0/Test1.cs...; the values files are AdditionalFiles marked IdpDynamoValues and the MSBuild
// properties (RootNamespace, IdpDynamoServiceRole) build_property.* options, both in one global analyzer config; the
// accessor generator runs first (its output must compile, diagnostics in it fail the test); the references are
// net8.0 (TestReferences) plus the SDK of VerifyOptions.Sdk. Compiler errors count as unexpected diagnostics.
// The returned run has the reported diagnostics, for what markup cannot say (diagnostic properties).
// For more control: new DynamoAnalyzerTest<TAnalyzer> { TestCode = ..., ValuesFiles = { ... }, Options = ... }.RunAsync().

/// <summary>What an analyzer test reported (after the library compared it with the expected diagnostics).</summary>
internal sealed record AnalyzerTestRun(ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// <see cref="Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest{TAnalyzer, TVerifier}"/> for the package:
/// <see cref="DynamoProject.Configure"/> applied to <see cref="AnalyzerTest{TVerifier}.TestState"/>, the accessor
/// generator run before the analyzers (its output is not compared: the generator tests do that), the compilation
/// options of <see cref="CompilationFactory"/>, and the reported diagnostics kept in <see cref="ActualDiagnostics"/>.
/// </summary>
internal class DynamoAnalyzerTest<TAnalyzer> : Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    private bool _configured;

    public DynamoAnalyzerTest()
    {
        ReferenceAssemblies = TestReferences.Net80;
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    public VerifyOptions Options { get; set; } = VerifyOptions.Default;

    /// <summary>The values files (path, YAML): AdditionalFiles, marked IdpDynamoValues unless the options say not.</summary>
    public List<(string Path, string Yaml)> ValuesFiles { get; } = new();

    /// <summary>The diagnostics of the project as first analyzed (before the library's extra passes).</summary>
    public ImmutableArray<Diagnostic> ActualDiagnostics { get; private set; }

    protected override async Task RunImplAsync(CancellationToken cancellationToken)
    {
        if (!_configured)
        {
            _configured = true;
            DynamoProject.Configure(TestState, Options, ValuesFiles);
        }

        await base.RunImplAsync(cancellationToken);
    }

    protected override IEnumerable<Type> GetSourceGenerators()
        => Options.RunGenerator ? new[] { typeof(DynamoAccessorsGenerator) } : Array.Empty<Type>();

    protected override CompilationOptions CreateCompilationOptions() => CompilationFactory.Options;

    protected override ParseOptions CreateParseOptions() => CompilationFactory.ParseOptions;

    protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => DynamoProject.RuleUnderTest(analyzers);

    protected override ImmutableArray<(Project project, Diagnostic diagnostic)> FilterDiagnostics(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics)
    {
        var filtered = base.FilterDiagnostics(diagnostics);
        if (ActualDiagnostics.IsDefault)
        {
            ActualDiagnostics = filtered.Select(d => d.diagnostic).ToImmutableArray();
            var crashes = ActualDiagnostics.Where(d => d.Id is "AD0001" or "IDPDYN999").ToList();
            if (crashes.Count > 0)
            {
                throw new InvalidOperationException("An analyzer failed:\n" + string.Join("\n", crashes));
            }
        }

        return filtered;
    }
}

/// <summary><see cref="DynamoAnalyzerTest{TAnalyzer}"/> with every analyzer of the package (markup must name ids).</summary>
internal sealed class AllAnalyzersTest : DynamoAnalyzerTest<EmptyDiagnosticAnalyzer>
{
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => DynamoProject.AllAnalyzers();
}

/// <summary>The short forms of <see cref="DynamoAnalyzerTest{TAnalyzer}"/> (see the usage at the top of this file).</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A diagnostic of the rule under test, to place with <c>.WithLocation(n)</c> or <c>.WithSpan(...)</c>.</summary>
    public static DiagnosticResult Diagnostic() => DynamoProject.Diagnostic(new[] { new TAnalyzer() }, DynamoProject.RuleUnderTest(new[] { new TAnalyzer() })!.Id);

    /// <summary>A diagnostic with the id <paramref name="id"/>, which <typeparamref name="TAnalyzer"/> must report.</summary>
    public static DiagnosticResult Diagnostic(string id) => DynamoProject.Diagnostic(new[] { new TAnalyzer() }, id);

    public static Task<AnalyzerTestRun> VerifyAnalyzerAsync(string markup, string yaml, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync(new[] { markup }, new[] { (DynamoProject.ValuesPath, yaml) }, null, expected);

    public static Task<AnalyzerTestRun> VerifyAnalyzerAsync(string markup, string yaml, VerifyOptions? options, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync(new[] { markup }, new[] { (DynamoProject.ValuesPath, yaml) }, options, expected);

    /// <summary>Several sources (<c>/0/Test0.cs</c>, <c>/0/Test1.cs</c>…) and several named values files.</summary>
    public static async Task<AnalyzerTestRun> VerifyAnalyzerAsync(string[] markups, (string Path, string Yaml)[] values, VerifyOptions? options = null, params DiagnosticResult[] expected)
    {
        var test = new DynamoAnalyzerTest<TAnalyzer> { Options = options ?? VerifyOptions.Default };
        return await RunAsync(test, markups, values, expected);
    }

    internal static async Task<AnalyzerTestRun> RunAsync<T>(DynamoAnalyzerTest<T> test, string[] markups, (string Path, string Yaml)[] values, DiagnosticResult[] expected)
        where T : DiagnosticAnalyzer, new()
    {
        test.TestState.Sources.AddRange(markups.Select((m, i) => ($"/0/Test{i}.cs", Microsoft.CodeAnalysis.Text.SourceText.From(m))));
        test.ValuesFiles.AddRange(values);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
        return new AnalyzerTestRun(test.ActualDiagnostics);
    }
}

/// <summary>Every analyzer of the package at once; the markup must name ids (<c>{|IDPDYN201:…|}</c>).</summary>
internal static class AllAnalyzersVerifier
{
    /// <summary>A diagnostic with the id <paramref name="id"/> of any analyzer of the package.</summary>
    public static DiagnosticResult Diagnostic(string id) => DynamoProject.Diagnostic(DynamoProject.AllAnalyzers(), id);

    public static Task<AnalyzerTestRun> VerifyAnalyzerAsync(string[] markups, (string Path, string Yaml)[] values, VerifyOptions? options = null, params DiagnosticResult[] expected)
        => AnalyzerVerifier<EmptyDiagnosticAnalyzer>.RunAsync(new AllAnalyzersTest { Options = options ?? VerifyOptions.Default }, markups, values, expected);
}
