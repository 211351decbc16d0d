using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>
/// Builds the compilations the generator and analyzers run on: C# <see cref="LanguageVersion.Latest"/> of the Roslyn
/// under test, nullable enabled, XML documentation diagnosed (so badly formed generated docs are warnings), the net8.0
/// reference assemblies and optionally an SDK (<see cref="TestReferences"/>). The analyzer, code-fix and generator
/// tests of Microsoft.CodeAnalysis.Testing use the same options and references.
/// </summary>
internal static class CompilationFactory
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        warningLevel: 9999,
        deterministic: true);

    /// <summary>Compiles <paramref name="sources"/> (paths <c>Test0.cs</c>, <c>Test1.cs</c>…) and asserts they compile.</summary>
    public static CSharpCompilation Create(params string[] sources) => Create(sources, withAwsSdk: false);

    /// <summary>
    /// Compiles <paramref name="sources"/>. Unless <paramref name="usesGeneratedCode"/> is set (the code refers to what
    /// the generator is about to add), asserts the input has no errors, so a test never blames the generator for a typo.
    /// </summary>
    public static CSharpCompilation Create(IEnumerable<string> sources, bool withAwsSdk, bool usesGeneratedCode = false)
        => Create(sources, withAwsSdk ? SdkShape.V4 : SdkShape.None, usesGeneratedCode);

    /// <summary>As <see cref="Create(IEnumerable{string}, bool, bool)"/>, referencing the SDK of <paramref name="sdk"/>.</summary>
    public static CSharpCompilation Create(IEnumerable<string> sources, SdkShape sdk, bool usesGeneratedCode = false)
    {
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Test{i}.cs"));
        var references = TestReferences.Framework.Concat(TestReferences.Sdk(sdk));
        var compilation = CSharpCompilation.Create("TestProject", trees, references, Options);
        if (!usesGeneratedCode)
        {
            AssertNoErrors(compilation, "The test input does not compile");
        }

        return compilation;
    }

    public static void AssertNoErrors(Compilation compilation, string what)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{what}:\n{string.Join("\n", errors)}");
    }
}
