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

/// <summary>Which DynamoDB SDK the test compilation references.</summary>
internal enum SdkShape
{
    /// <summary>The real AWSSDK.DynamoDBv2 4.0.110 the test project references.</summary>
    V4,

    /// <summary>
    /// Small v3.7-shaped stubs (<see cref="DynamoV3Stubs"/>) instead: the registry serves no 3.7 package, and the
    /// analyzers match the SDK by metadata name, so stubs exercise the v3-only shapes.
    /// </summary>
    V3Stubs,

    /// <summary>No SDK at all: the analyzers must stay silent.</summary>
    None,
}

/// <summary>How a Roslyn test compiles and configures the project (the MSBuild side of a real build).</summary>
internal sealed record VerifyOptions
{
    public static readonly VerifyOptions Default = new();

    /// <summary><c>build_property.IdpDynamoServiceRole</c>; <c>&lt;ns&gt;</c> stands for each values file's namespace.</summary>
    public string? ServiceRole { get; init; }

    /// <summary><c>build_property.RootNamespace</c>: the namespace of the generated DynamoTables class.</summary>
    public string RootNamespace { get; init; } = "Webshop.Orders";

    public SdkShape Sdk { get; init; } = SdkShape.V4;

    /// <summary>Runs the accessor generator before the analyzers, as the compiler does (so DynamoTables exists).</summary>
    public bool RunGenerator { get; init; } = true;

    /// <summary>Compiles an executable (for top-level statements) instead of a library.</summary>
    public bool Executable { get; init; }

    /// <summary>Whether the values files are marked IdpDynamoValues (false: plain AdditionalFiles, analyzers stay silent).</summary>
    public bool MarkValuesFiles { get; init; } = true;
}

/// <summary>What an analyzer test reported (after the library compared it with the expected diagnostics).</summary>
internal sealed record AnalyzerTestRun(ImmutableArray<Diagnostic> Diagnostics);

/// <summary>The project every Roslyn test of the package sets up: values files, MSBuild options, references.</summary>
internal static class DynamoProject
{
    /// <summary>The values file path of the apps-repository layout: namespace <c>webshop-test</c>.</summary>
    public const string ValuesPath = "/repo/apps/webshop-test/orders/dynamodb/values.yaml";

    /// <summary>The path of the global analyzer config that carries the MSBuild properties and item metadata.</summary>
    public const string GlobalConfigPath = "/0/IdpDynamo.globalconfig";

    /// <summary>Adds the values files, the global analyzer config and the SDK references to <paramref name="state"/>.</summary>
    public static void Configure(ProjectState state, VerifyOptions options, IEnumerable<(string Path, string Yaml)> values)
    {
        var files = values.ToList();
        foreach (var (path, yaml) in files)
        {
            state.AdditionalFiles.Add((path, yaml));
        }

        state.AnalyzerConfigFiles.Add((GlobalConfigPath, GlobalConfig(options, files.Select(f => f.Path))));
        state.AdditionalReferences.AddRange(TestReferences.Sdk(options.Sdk));
        if (options.Executable)
        {
            state.OutputKind = OutputKind.ConsoleApplication;
        }
    }

    /// <summary>
    /// What MSBuild's generated global config holds for the package: <c>build_property.*</c> for the properties the
    /// package makes visible, and a section per values file with its <c>build_metadata.AdditionalFiles.*</c>.
    /// </summary>
    public static string GlobalConfig(VerifyOptions options, IEnumerable<string> valuesPaths, IEnumerable<(string Name, string Value)>? extraProperties = null)
    {
        var lines = new List<string> { "is_global = true", $"build_property.RootNamespace = {options.RootNamespace}" };
        if (options.ServiceRole is { } role)
        {
            lines.Add($"build_property.IdpDynamoServiceRole = {role}");
        }

        foreach (var (name, value) in extraProperties ?? Enumerable.Empty<(string, string)>())
        {
            lines.Add($"build_property.{name} = {value}");
        }

        if (options.MarkValuesFiles)
        {
            foreach (string path in valuesPaths)
            {
                lines.Add(string.Empty);
                lines.Add($"[{path}]");
                lines.Add("build_metadata.AdditionalFiles.IdpDynamoValues = true");
            }
        }

        return string.Join("\n", lines) + "\n";
    }

    /// <summary>A new instance of every <see cref="DiagnosticAnalyzer"/> in the analyzer assembly.</summary>
    public static DiagnosticAnalyzer[] AllAnalyzers()
        => typeof(DynamoAnalyzerBase).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();

    /// <summary>The descriptor of <paramref name="id"/> among <paramref name="analyzers"/>' rules.</summary>
    public static DiagnosticResult Diagnostic(IEnumerable<DiagnosticAnalyzer> analyzers, string id)
        => new(analyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault(d => d.Id == id)
            ?? throw new ArgumentException($"No analyzer under test reports {id}.", nameof(id)));

    /// <summary>The rule under test: the first analyzer's first rule other than IDPDYN999 (the crash rule every analyzer has).</summary>
    public static DiagnosticDescriptor? RuleUnderTest(IEnumerable<DiagnosticAnalyzer> analyzers)
        => analyzers.FirstOrDefault()?.SupportedDiagnostics.FirstOrDefault(d => d.Id != "IDPDYN999");
}

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
    public static DiagnosticResult Diagnostic() => new(DynamoProject.RuleUnderTest(new[] { new TAnalyzer() })!);

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
