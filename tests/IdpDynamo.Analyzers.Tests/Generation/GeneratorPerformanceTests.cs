using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;
using static IdpDynamo.Analyzers.Tests.Generation.ValuesFiles;

namespace IdpDynamo.Analyzers.Tests.Generation;

/// <summary>
/// How long a generator run takes on large values files. Measured and printed, never asserted: timings on a shared CI
/// machine are noise, and the performance targets live in the benchmarks.
/// </summary>
public class GeneratorPerformanceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(100)]
    [InlineData(1_000)]
    public void Measures_a_run_on_a_large_values_file(int tables)
    {
        string yaml = ValuesFileWith(tables);
        var compilation = CompilationFactory.Create(new[] { "namespace Webshop.Orders; internal static class Service { }" }, withAwsSdk: true);
        var options = new TestOptionsProvider().WithProperty("RootNamespace", "Webshop.Orders").WithValuesFile(TestPath);
        var texts = new[] { new InMemoryAdditionalText(TestPath, yaml) };

        // Correctness once (the output compiles), then warm-up so JIT time is not measured.
        var checkedRun = GeneratorHarness.Run(compilation, texts, options);
        Assert.Equal(tables, CountOf(checkedRun.GeneratedText!, "        public static partial class Table"));

        // Each measured run starts from the state after the first run and sees a change it has not seen yet.
        var driver = GeneratorHarness.CreateDriver(texts, options).RunGenerators(compilation);
        var csharpEdits = Enumerable.Range(0, Runs).Select(i => compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText($"internal static class Edit{i} {{ }}", CompilationFactory.ParseOptions))).ToArray();
        var yamlEdits = Enumerable.Range(0, Runs).Select(i => new InMemoryAdditionalText(TestPath, yaml + $"\n# edit {i}\n")).ToArray();

        var full = Measure(_ => GeneratorHarness.CreateDriver(texts, options).RunGenerators(compilation));
        var afterCSharpEdit = Measure(i => driver.RunGenerators(csharpEdits[i]));
        var afterYamlEdit = Measure(i => driver.ReplaceAdditionalText(texts[0], yamlEdits[i]).RunGenerators(compilation));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{tables} tables ({yaml.Length / 1024} KiB YAML, {checkedRun.GeneratedText!.Length / 1024} KiB C#): "
            + $"full run {full.TotalMilliseconds:F1} ms; after a C# edit {afterCSharpEdit.TotalMilliseconds:F2} ms; "
            + $"after a YAML comment edit {afterYamlEdit.TotalMilliseconds:F1} ms (median of 5)"));
    }

    private const int Runs = 6;

    /// <summary>Median wall time of five runs (numbered 1–5), after a warm-up run 0.</summary>
    private static TimeSpan Measure(Func<int, GeneratorDriver> run)
    {
        run(0);
        var times = Enumerable.Range(1, Runs - 1).Select(i =>
        {
            var stopwatch = Stopwatch.StartNew();
            run(i);
            return stopwatch.Elapsed;
        }).OrderBy(t => t).ToList();
        return times[times.Count / 2];
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>A realistic table per entry: hash and range key, a GSI, an LSI, TTL and roles.</summary>
    private static string ValuesFileWith(int tables)
    {
        var sb = new StringBuilder("managementPolicies: Control\ntables:\n");
        for (int i = 0; i < tables; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""
                  - name: Table{i:D4}
                    hashKey: Pk
                    rangeKey: Sk
                    attributes:
                      - name: Pk
                        type: 'S'
                      - name: Sk
                        type: 'N'
                      - name: Gsi1Pk
                        type: 'S'
                      - name: Amount
                        type: 'N'
                    billingMode: PAY_PER_REQUEST
                    globalSecondaryIndex:
                      - name: Gsi1
                        hashKey: Gsi1Pk
                        rangeKey: Sk
                        projectionType: ALL
                    localSecondaryIndex:
                      - name: ByAmount
                        rangeKey: Amount
                        projectionType: KEYS_ONLY
                    ttl:
                      attributeName: ExpiresAt
                      enabled: true
                    serviceAccountReadRoles: ["orders-api-webshop-test"]
                    serviceAccountWriteRoles: ["orders-api-webshop-test"]

                """);
        }

        return sb.ToString();
    }
}
