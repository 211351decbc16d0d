extern alias analyzers;

using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using AccessorsGenerator = analyzers::IdpDynamo.Analyzers.Generation.DynamoAccessorsGenerator;

namespace IdpDynamo.Benchmarks;

/// <summary>
/// Runs the accessor generator the way the compiler does: a <see cref="CSharpGeneratorDriver"/> over a compilation of
/// some service code, the values file as an AdditionalText flagged <c>IdpDynamoValues</c> (what IdpDynamo.Build.targets
/// puts in the generated .editorconfig), and step tracking on so the run reasons can be printed.
/// </summary>
public static class GeneratorHost
{
    public const string ValuesPath = "/bench/" + ValuesFileGenerator.RelativePath;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public const string ServiceSource = """
        namespace Bench.Service;

        /// <summary>Unrelated service code; the benchmark edits it.</summary>
        public static class Service
        {
            public static int Answer => 42;
        }
        """;

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    });

    public static CSharpCompilation CreateCompilation(string source = ServiceSource)
        => CSharpCompilation.Create("Bench.Service",
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Service.cs") },
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static AdditionalText ValuesText(string yaml) => new InMemoryAdditionalText(ValuesPath, yaml);

    public static GeneratorDriver CreateDriver(AdditionalText values, bool trackSteps)
        => CSharpGeneratorDriver.Create(
            new[] { new AccessorsGenerator().AsSourceGenerator() },
            new[] { values },
            ParseOptions,
            new OptionsProvider(values.Path),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>The compilation with <c>Service.cs</c> replaced by an edited version (an unrelated C# edit).</summary>
    public static Compilation EditService(Compilation compilation, int edit)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Service.cs");
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            ServiceSource.Replace("42", (43 + edit).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), ParseOptions, "Service.cs"));
    }

    /// <summary>Throws unless the run produced exactly one source and no diagnostics.</summary>
    public static GeneratorRunResult Check(GeneratorDriver driver, int tables)
    {
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null || !result.Diagnostics.IsEmpty || result.GeneratedSources.Length != 1)
        {
            throw new InvalidOperationException($"Generator run on {tables} tables failed: {result.Exception} {string.Join("; ", result.Diagnostics)}");
        }

        string last = ValuesFileGenerator.TableName(tables - 1);
        if (!result.GeneratedSources[0].SourceText.ToString().Contains("\"" + last + "\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Generator run on {tables} tables: table '{last}' is missing from the output");
        }

        return result;
    }

    private sealed class InMemoryAdditionalText(string path, string content) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(content, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>What MSBuild's generated .editorconfig gives the compiler for one IdpDynamoValues item.</summary>
    private sealed class OptionsProvider(string valuesPath) : AnalyzerConfigOptionsProvider
    {
        private static readonly DictionaryOptions Empty = new(ImmutableDictionary.Create<string, string>(AnalyzerConfigOptions.KeyComparer));

        private readonly DictionaryOptions _global = new(ImmutableDictionary.Create<string, string>(AnalyzerConfigOptions.KeyComparer)
            .Add("build_property.RootNamespace", "Bench.Service"));

        private readonly DictionaryOptions _values = new(ImmutableDictionary.Create<string, string>(AnalyzerConfigOptions.KeyComparer)
            .Add("build_metadata.AdditionalFiles.IdpDynamoValues", "true"));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => textFile.Path == valuesPath ? _values : Empty;

        private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
