using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.CodeFixes.Tests.Infrastructure;

// Code-fix tests on Microsoft.CodeAnalysis.Testing. In a test class:
//
//     using VerifyCS = IdpDynamo.CodeFixes.Tests.Infrastructure.CodeFixVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UseGeneratedAccessorAnalyzer, IdpDynamo.CodeFixes.UseGeneratedAccessorCodeFix>;
//
//     await VerifyCS.VerifyCodeFixAsync(markup, fixedCode, yaml);
//     await new DynamoCodeFixTest<TAnalyzer, TCodeFix> { TestCode = markup, FixedCode = fixedCode, ValuesFiles = { (path, yaml) } }.RunAsync();
//
// The library checks the markup's diagnostics, applies the fix one diagnostic at a time until none is left, and applies
// Fix All in the document, the project and the solution; each result must equal the fixed code and compile (compiler
// errors count as unexpected diagnostics). The project is the analyzer tests' (DynamoProject): values files,
// global analyzer config, net8.0 references and the AWS SDK, with the accessor generator's output as a document.

/// <summary>
/// <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/> for the package's code fixes, set up like
/// the analyzer tests' DynamoAnalyzerTest; <see cref="OfferedActions"/> records how many actions the provider
/// registered for each diagnostic it was asked to fix.
/// </summary>
internal class DynamoCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Where the generator's output sits in the test project (a .g.cs file is generated code to the analyzers).</summary>
    public const string GeneratedFile = "/0/IdpDynamo.Tables.g.cs";

    private bool _configured;

    public DynamoCodeFixTest()
    {
        ReferenceAssemblies = TestReferences.Net80;
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    public VerifyOptions Options { get; set; } = VerifyOptions.Default;

    /// <summary>The values files (path, YAML), marked IdpDynamoValues unless the options say not.</summary>
    public List<(string Path, string Yaml)> ValuesFiles { get; } = new();

    /// <summary>The number of code actions offered, each time the library asked the provider for fixes.</summary>
    public List<int> OfferedActions { get; } = new();

    protected override async Task RunImplAsync(CancellationToken cancellationToken)
    {
        if (!_configured)
        {
            _configured = true;
            DynamoProject.Configure(TestState, Options, ValuesFiles);
            if (Options.RunGenerator)
            {
                // The generator's output as an ordinary document of the test and of the fixed state, as the old IDE
                // path sees it: a source generator run by the library leaves the simplifier one namespace short.
                var generated = (GeneratedFile, SourceText.From(Generate()));
                TestState.Sources.Add(generated);
                FixedState.Sources.Add(generated);
            }
        }

        await base.RunImplAsync(cancellationToken);
    }

    /// <summary>The generator's output for <see cref="ValuesFiles"/> and <see cref="Options"/> (it does not depend on the sources).</summary>
    private string Generate()
    {
        var provider = new TestOptionsProvider().WithProperty("RootNamespace", Options.RootNamespace);
        foreach (var (path, _) in ValuesFiles)
        {
            provider = provider.WithValuesFile(path);
        }

        var texts = ValuesFiles.Select(v => (AdditionalText)new InMemoryAdditionalText(v.Path, v.Yaml)).ToList();
        var run = GeneratorHarness.Run(CompilationFactory.Create(Array.Empty<string>(), Options.Sdk, usesGeneratedCode: true), texts, provider);
        return run.GeneratedText ?? throw new InvalidOperationException("The generator produced nothing.");
    }

    protected override CompilationOptions CreateCompilationOptions() => CompilationFactory.Options;

    protected override ParseOptions CreateParseOptions() => CompilationFactory.ParseOptions;

    protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => DynamoProject.RuleUnderTest(analyzers);

    protected override ImmutableArray<CodeAction> FilterCodeActions(ImmutableArray<CodeAction> actions)
    {
        OfferedActions.Add(actions.Length);
        return base.FilterCodeActions(actions);
    }
}

/// <summary>The short form of <see cref="DynamoCodeFixTest{TAnalyzer, TCodeFix}"/> (usage at the top of this file).</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>A diagnostic with the id <paramref name="id"/>, which <typeparamref name="TAnalyzer"/> must report.</summary>
    public static DiagnosticResult Diagnostic(string id) => DynamoProject.Diagnostic(new[] { new TAnalyzer() }, id);

    /// <summary>
    /// <paramref name="markup"/> (one source, the values file at <see cref="DynamoProject.ValuesPath"/>) becomes
    /// <paramref name="fixedCode"/>, one fix at a time and by Fix All; the provider offers one action per diagnostic.
    /// </summary>
    public static async Task VerifyCodeFixAsync(string markup, string fixedCode, string yaml, VerifyOptions? options = null)
    {
        var test = new DynamoCodeFixTest<TAnalyzer, TCodeFix>
        {
            TestCode = markup,
            FixedCode = fixedCode,
            Options = options ?? VerifyOptions.Default,
        };
        test.ValuesFiles.Add((DynamoProject.ValuesPath, yaml));
        await test.RunAsync(CancellationToken.None);
        Assert.NotEmpty(test.OfferedActions);
        Assert.All(test.OfferedActions, count => Assert.Equal(1, count));
    }
}
