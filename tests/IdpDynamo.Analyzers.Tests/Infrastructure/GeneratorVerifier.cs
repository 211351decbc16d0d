using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

// Generator-output tests on Microsoft.CodeAnalysis.Testing:
//
//     await GeneratorVerifier.VerifyAsync(expectedText, new[] { (path, yaml) }, new VerifyOptions { Sdk = SdkShape.None });
//
// The library runs the accessor generator on a project set up like the analyzer tests' (DynamoProject) and compares
// its one generated file, IdpDynamo.Tables.g.cs, with the expected text; the project with the generated file must
// compile (compiler errors are unexpected diagnostics), and the generator must report nothing. Snapshot.VerifyAsync
// feeds it the reviewed snapshot files (Generation/Snapshots), so a change of the generator's output is one file.

/// <summary>
/// <see cref="CSharpSourceGeneratorTest{TSourceGenerator, TVerifier}"/> for <see cref="DynamoAccessorsGenerator"/>,
/// with <see cref="DynamoProject.Configure"/> applied to the test state.
/// </summary>
internal sealed class DynamoGeneratorTest : CSharpSourceGeneratorTest<DynamoAccessorsGenerator, DefaultVerifier>
{
    private bool _configured;

    public DynamoGeneratorTest() => ReferenceAssemblies = TestReferences.Net80;

    public VerifyOptions Options { get; set; } = VerifyOptions.Default;

    /// <summary>The values files (path, YAML): AdditionalFiles, marked IdpDynamoValues unless the options say not.</summary>
    public List<(string Path, string Yaml)> ValuesFiles { get; } = new();

    protected override async Task RunImplAsync(CancellationToken cancellationToken)
    {
        if (!_configured)
        {
            _configured = true;
            DynamoProject.Configure(TestState, Options, ValuesFiles);
        }

        await base.RunImplAsync(cancellationToken);
    }

    protected override CompilationOptions CreateCompilationOptions() => CompilationFactory.Options;

    protected override ParseOptions CreateParseOptions() => CompilationFactory.ParseOptions;
}

/// <summary>The short form of <see cref="DynamoGeneratorTest"/> (usage at the top of this file).</summary>
internal static class GeneratorVerifier
{
    /// <summary>The hint name of the generator's one file.</summary>
    public const string GeneratedFile = "IdpDynamo.Tables.g.cs";

    /// <summary>The generator, on <paramref name="files"/>, produces exactly <paramref name="expected"/> and the project compiles.</summary>
    public static Task VerifyAsync(string expected, (string Path, string Yaml)[] files, VerifyOptions? options = null)
    {
        var test = new DynamoGeneratorTest { Options = options ?? VerifyOptions.Default };
        test.ValuesFiles.AddRange(files);
        test.TestState.GeneratedSources.Add((typeof(DynamoAccessorsGenerator), GeneratedFile, SourceText.From(expected, Encoding.UTF8)));
        return test.RunAsync(CancellationToken.None);
    }
}
