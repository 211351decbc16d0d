using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>
/// Builds the compilations the generator and analyzers run on: C# <see cref="LanguageVersion.Latest"/> of the Roslyn
/// under test, nullable enabled, XML documentation diagnosed (so badly formed generated docs are warnings), references
/// from the running .NET's own framework directory, and optionally the AWS SDK the test project references.
/// </summary>
internal static class CompilationFactory
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        warningLevel: 9999,
        deterministic: true);

    /// <summary>The framework assemblies only: the TPA list of a test host also holds Roslyn, xunit and the AWS SDK.</summary>
    private static readonly Lazy<MetadataReference[]> FrameworkReferences = new(() =>
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    });

    private static readonly Lazy<MetadataReference[]> AwsSdkReferences = new(() => new MetadataReference[]
    {
        MetadataReference.CreateFromFile(typeof(Amazon.DynamoDBv2.Model.AttributeValue).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.Runtime.AmazonWebServiceRequest).Assembly.Location),
    });

    /// <summary>Compiles <paramref name="sources"/> (paths <c>Test0.cs</c>, <c>Test1.cs</c>…) and asserts they compile.</summary>
    public static CSharpCompilation Create(params string[] sources) => Create(sources, withAwsSdk: false);

    /// <summary>
    /// Compiles <paramref name="sources"/>. Unless <paramref name="usesGeneratedCode"/> is set (the code refers to what
    /// the generator is about to add), asserts the input has no errors, so a test never blames the generator for a typo.
    /// </summary>
    public static CSharpCompilation Create(IEnumerable<string> sources, bool withAwsSdk, bool usesGeneratedCode = false)
    {
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Test{i}.cs"));
        var references = withAwsSdk ? FrameworkReferences.Value.Concat(AwsSdkReferences.Value) : FrameworkReferences.Value;
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
