extern alias analyzers;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
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
/// What the generator hands the compiler, measured on real values files (the samples', the bench's):
/// <list type="bullet">
/// <item><c>generator-size &lt;values.yaml&gt;...</c>: bytes of the generated source with and without the AWS SDK, the
/// fixed part (the same files with no table), bytes per table and the share of XML documentation.</item>
/// <item><c>generator-source &lt;out.cs&gt; &lt;values.yaml&gt;...</c>: writes the generated source (AWS SDK referenced), e.g. to
/// compile it as an ordinary file in bench/build-overhead.sh.</item>
/// <item><c>generator-empty</c>: the generator's cost on a project without values files (nothing to generate): a first
/// run on a new driver and a run after an unrelated C# edit, medians of in-process rounds.</item>
/// </list>
/// Only the generator's public entry point and Roslyn are used, so the same file builds against older versions of the
/// generator (before/after comparisons).
/// </summary>
public static class GeneratorOutput
{
    /// <summary>The one type the generator probes for; declared in the compilation so key builders are emitted.</summary>
    private const string SdkStub = "namespace Amazon.DynamoDBv2.Model { public class AttributeValue { public string S { get; set; } = \"\"; public string N { get; set; } = \"\"; public System.IO.MemoryStream B { get; set; } = new(); } }";

    public static int Size(IReadOnlyList<string> paths)
    {
        var files = paths.Select(p => (Path: Path.GetFullPath(p), Text: File.ReadAllText(p))).ToList();
        int tables = files.Sum(f => CountTables(f.Text));
        Console.WriteLine($"generated source for {string.Join(", ", paths)} ({tables} table definitions over {files.Count} files)");
        foreach (bool sdk in new[] { true, false })
        {
            string source = Generate(files, sdk);
            string empty = Generate(files.Select(f => (f.Path, "managementPolicies: Control\ntables: []\n")).ToList(), sdk);
            int distinct = CountOccurrences(source, "public static partial class ") - 1;
            long docs = source.Split('\n').Where(l => l.TrimStart().StartsWith("///", StringComparison.Ordinal)).Sum(l => (long)l.Length + 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(sdk ? "with the AWS SDK   " : "without the AWS SDK")}: {source.Length,7:N0} bytes for {distinct} tables; fixed part {empty.Length:N0} bytes; "
                + $"{(source.Length - empty.Length) / (double)Math.Max(1, distinct),7:N0} bytes per table; XML docs {docs * 100.0 / source.Length:F0} %"));
        }

        return 0;
    }

    public static int Source(string output, IReadOnlyList<string> paths)
    {
        string source = Generate(paths.Select(p => (Path.GetFullPath(p), File.ReadAllText(p))).ToList(), sdk: true);
        File.WriteAllText(output, source);
        Console.WriteLine($"{output}: {source.Length} bytes");
        return 0;
    }

    public static int Empty(int rounds = 15)
    {
        var compilation = Compilation(sdk: true);
        var edits = Enumerable.Range(0, rounds + 1).Select(i => compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText($"internal static class Edit{i} {{ }}", GeneratorHost.ParseOptions))).ToArray();
        var warm = Driver(Array.Empty<AdditionalText>()).RunGenerators(compilation);
        if (warm.GetRunResult().GeneratedTrees.Length != 0)
        {
            Console.Error.WriteLine("generator-empty: the generator produced a source without values files");
            return 1;
        }

        var first = new List<double>();
        var edit = new List<double>();
        var driver = warm;
        for (int i = 0; i <= rounds; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            Driver(Array.Empty<AdditionalText>()).RunGenerators(compilation);
            double a = stopwatch.Elapsed.TotalMilliseconds * 1000;
            stopwatch.Restart();
            driver = driver.RunGenerators(edits[i]);
            double b = stopwatch.Elapsed.TotalMilliseconds * 1000;
            if (i > 0)
            {
                first.Add(a);
                edit.Add(b);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generator on a project without values files ({rounds} rounds): new driver {Median(first):F1} µs, after a C# edit {Median(edit):F1} µs (medians)"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Generate(IReadOnlyList<(string Path, string Text)> files, bool sdk)
    {
        var texts = files.Select(f => (AdditionalText)new Text(f.Path, f.Text)).ToArray();
        var result = Driver(texts).RunGenerators(Compilation(sdk)).GetRunResult().Results.Single();
        if (result.Exception is not null || result.GeneratedSources.Length != 1)
        {
            throw new InvalidOperationException($"generator run failed: {result.Exception} {string.Join("; ", result.Diagnostics)}");
        }

        return result.GeneratedSources[0].SourceText.ToString();
    }

    private static Compilation Compilation(bool sdk)
    {
        var compilation = GeneratorHost.CreateCompilation();
        return sdk ? compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(SdkStub, GeneratorHost.ParseOptions, "Sdk.cs")) : compilation;
    }

    private static GeneratorDriver Driver(AdditionalText[] texts)
        => CSharpGeneratorDriver.Create(
            new[] { new AccessorsGenerator().AsSourceGenerator() },
            texts,
            GeneratorHost.ParseOptions,
            new Options(texts.Select(t => t.Path).ToHashSet(StringComparer.Ordinal)));

    private static int CountTables(string yaml) => yaml.Split('\n').Count(l => l.TrimStart().StartsWith("- name:", StringComparison.Ordinal) && l.Length - l.TrimStart().Length == 2);

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class Text(string path, string content) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(content, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>What MSBuild's generated .editorconfig gives the compiler for IdpDynamoValues items.</summary>
    private sealed class Options(HashSet<string> valuesPaths) : AnalyzerConfigOptionsProvider
    {
        private static readonly Dictionary Empty = new(ImmutableDictionary.Create<string, string>(AnalyzerConfigOptions.KeyComparer));

        private readonly Dictionary _global = new(ImmutableDictionary.Create<string, string>(AnalyzerConfigOptions.KeyComparer)
            .Add("build_property.RootNamespace", "Bench.Service"));

        private readonly Dictionary _values = new(ImmutableDictionary.Create<string, string>(AnalyzerConfigOptions.KeyComparer)
            .Add("build_metadata.AdditionalFiles.IdpDynamoValues", "true"));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => valuesPaths.Contains(textFile.Path) ? _values : Empty;

        private sealed class Dictionary(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
