using System;
using System.Collections.Generic;
using System.Linq;
using IdpDynamo.Analyzers.Generation;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;
using static IdpDynamo.Analyzers.Tests.Generation.ValuesFiles;

namespace IdpDynamo.Analyzers.Tests.Generation;

/// <summary>
/// Incremental caching in both directions: what must not re-run does not (C# edits never touch the YAML steps; a
/// comment, a blank line or reordered keys anywhere in the YAML never regenerate the file), and what must re-run does
/// (a new table changes the output). A project without values files does no YAML work and gets no output.
/// </summary>
public class GeneratorCachingTests(ITestOutputHelper output)
{
    private const string Service = """
        namespace Webshop.Orders;

        /// <summary>Some unrelated service code.</summary>
        public static class Service
        {
            /// <summary>A value.</summary>
            public static int Answer => 42;
        }
        """;

    private static readonly string[] Steps =
    {
        TrackingNames.ParseValuesFile, TrackingNames.ReadOptions, TrackingNames.DetectSdk, TrackingNames.MergeSchema,
    };

    [Fact]
    public void A_second_run_on_a_cloned_compilation_is_cached_with_equal_values()
    {
        var (first, compilation, _) = FirstRun();
        var second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        var reasons = RunReasons.Of(second);
        output.WriteLine(reasons.ToString());
        Assert.All(Steps, step => Assert.All(Outputs(second, step), o => Assert.Contains(o.Reason, NotRerun)));
        Assert.Equal(IncrementalStepRunReason.Cached, reasons.Output);
        foreach (var step in Steps)
        {
            Assert.Equal(Outputs(first, step).Select(o => o.Value), Outputs(second, step).Select(o => o.Value));
        }
    }

    [Fact]
    public void An_unrelated_csharp_edit_does_not_touch_the_yaml_steps_or_the_output()
    {
        var (first, compilation, _) = FirstRun();
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Service.Replace("42", "43", StringComparison.Ordinal), CompilationFactory.ParseOptions, tree.FilePath));
        var second = GeneratorHarness.Run(first.Driver, edited);

        var reasons = RunReasons.Of(second);
        output.WriteLine(reasons.ToString());
        Assert.Equal(RunReasons.CSharpEdited, reasons);
        Assert.Equal(first.GeneratedText, second.GeneratedText);
    }

    [Fact]
    public void A_comment_at_the_end_of_the_yaml_does_not_regenerate_the_output()
    {
        var (first, compilation, yaml) = FirstRun();
        var driver = first.Driver.ReplaceAdditionalText(yaml, new InMemoryAdditionalText(TestPath, LocalIndexes + "\n# reviewed by the platform team\n"));
        var second = GeneratorHarness.Run(driver, compilation);

        var reasons = RunReasons.Of(second);
        output.WriteLine(reasons.ToString());
        Assert.Equal(RunReasons.YamlCommentEdited, reasons);
        Assert.Equal(first.GeneratedText, second.GeneratedText);
    }

    [Fact]
    public void A_comment_above_a_table_does_not_regenerate_the_output()
    {
        // Every position after the comment moves one line down: the file is parsed again into a different model (its
        // spans), but the merged model holds no positions, so it is equal and the output step stays cached.
        string edited = Edit(LocalIndexes, "  - name: CustomerOrders\n", "  # Orders of a customer, newest first.\n  - name: CustomerOrders\n");
        AssertLayoutEditKeepsTheOutput(edited);
    }

    [Fact]
    public void A_blank_line_and_a_comment_inside_a_table_do_not_regenerate_the_output()
    {
        string edited = Edit(LocalIndexes, "    billingMode: PAY_PER_REQUEST\n", "\n    # on-demand: traffic is spiky\n    billingMode: PAY_PER_REQUEST\n");
        AssertLayoutEditKeepsTheOutput(edited);
    }

    [Fact]
    public void Reordered_keys_of_a_table_do_not_regenerate_the_output()
    {
        // hashKey and rangeKey move after billingMode, the role lists before the indexes: the same table.
        string edited = Edit(LocalIndexes, "    hashKey: CustomerId\n    rangeKey: OrderDate\n", string.Empty);
        edited = Edit(edited, "    billingMode: PAY_PER_REQUEST\n", "    billingMode: PAY_PER_REQUEST\n    rangeKey: OrderDate\n    hashKey: CustomerId\n");
        string roles = "    serviceAccountReadRoles: [\"orders-api-webshop-test\"]\n    serviceAccountWriteRoles: [\"orders-api-webshop-test\"]";
        edited = Edit(edited, "\n" + roles, string.Empty);
        edited = Edit(edited, "    localSecondaryIndex:\n", roles + "\n    localSecondaryIndex:\n");
        AssertLayoutEditKeepsTheOutput(edited);
    }

    [Fact]
    public void Without_values_files_nothing_is_parsed_probed_or_generated()
    {
        // An AdditionalFile that is not flagged IdpDynamoValues, and the AWS SDK referenced: still nothing to do.
        var compilation = CompilationFactory.Create(new[] { Service }, withAwsSdk: true);
        var other = new InMemoryAdditionalText("/repo/appsettings.yaml", LocalIndexes);
        var options = new TestOptionsProvider().WithProperty("RootNamespace", "Webshop.Orders");
        var first = GeneratorHarness.Run(compilation, new[] { other }, options);
        var tree = compilation.SyntaxTrees.Single();
        var second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Service.Replace("42", "43", StringComparison.Ordinal), CompilationFactory.ParseOptions, tree.FilePath)));

        foreach (var run in new[] { first, second })
        {
            Assert.Null(run.GeneratedText);
            Assert.Empty(run.Result.Diagnostics);
            Assert.False(run.Result.TrackedSteps.ContainsKey(TrackingNames.ParseValuesFile) && Outputs(run, TrackingNames.ParseValuesFile).Any());
            // The SDK is referenced, yet the probe answers false: without values files it never looks the type up.
            Assert.Equal(new object[] { false }, Outputs(run, TrackingNames.DetectSdk).Select(o => o.Value));
        }

        Assert.Equal(IncrementalStepRunReason.Unchanged, RunReasons.Strongest(second.Result.TrackedSteps, TrackingNames.DetectSdk));
        Assert.Equal(IncrementalStepRunReason.Cached, RunReasons.Strongest(second.Result.TrackedSteps, TrackingNames.MergeSchema));
    }

    [Fact]
    public void A_new_table_in_the_yaml_regenerates_the_output()
    {
        var (first, compilation, yaml) = FirstRun();
        var driver = first.Driver.ReplaceAdditionalText(yaml, new InMemoryAdditionalText(TestPath, LocalIndexes + """


              - name: Invoices
                hashKey: InvoiceId
                attributes:
                  - name: InvoiceId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
            """));
        var second = GeneratorHarness.Run(driver, compilation);

        var reasons = RunReasons.Of(second);
        output.WriteLine(reasons.ToString());
        Assert.Equal(RunReasons.YamlEdited, reasons);
        Assert.NotEqual(first.GeneratedText, second.GeneratedText);
        Assert.Contains("public static partial class Invoices", second.GeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_msbuild_property_regenerates_the_output_from_the_same_parsed_files()
    {
        var (first, compilation, _) = FirstRun();
        var options = new TestOptionsProvider().WithProperty("RootNamespace", "Webshop.Orders").WithProperty("IdpDynamoGeneratedClassName", "Tables").WithValuesFile(TestPath);
        var second = GeneratorHarness.Run(first.Driver.WithUpdatedAnalyzerConfigOptions(options), compilation);

        var reasons = RunReasons.Of(second);
        output.WriteLine(reasons.ToString());
        // New options reach every file's step (the per-file metadata comes from the same provider): each file is read
        // again into an equal model; only the options, the merge and the output change.
        Assert.Equal(IncrementalStepRunReason.Unchanged, reasons.ParseValuesFile);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons.ReadOptions);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons.Output);
        Assert.Contains("public static partial class Tables", second.GeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Tracked_step_outputs_hold_no_roslyn_objects()
    {
        // Our steps only: Roslyn also tracks its own input nodes (Compilation, AdditionalTexts…) under their names.
        var (first, _, _) = FirstRun();
        foreach (var step in Steps)
        {
            var outputs = Outputs(first, step).ToList();
            Assert.NotEmpty(outputs);
            foreach (var (value, _) in outputs)
            {
                ObjectGraph.AssertNoRoslynObjects(value, step);
            }
        }
    }

    [Fact]
    public void The_object_graph_walk_finds_a_location_nested_in_a_model()
    {
        // The walk itself is tested: a Location deep inside a record in a list must be found.
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        var model = new { Outer = new List<object> { new Holder(tree.GetRoot().GetLocation()) } };
        var ex = Assert.ThrowsAny<Exception>(() => ObjectGraph.AssertNoRoslynObjects(model, "model"));
        Assert.Contains("Location", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The values file replaced by <paramref name="edited"/>, which declares the same tables in another layout: it is
    /// parsed again (Modified: its positions changed), merged into an equal model (Unchanged), and nothing is emitted.
    /// </summary>
    private void AssertLayoutEditKeepsTheOutput(string edited)
    {
        var (first, compilation, yaml) = FirstRun();
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(yaml, new InMemoryAdditionalText(TestPath, edited)), compilation);

        var reasons = RunReasons.Of(second);
        output.WriteLine(reasons.ToString());
        Assert.Equal(RunReasons.YamlLayoutEdited, reasons);
        Assert.Equal(first.GeneratedText, second.GeneratedText);
    }

    /// <summary><paramref name="text"/> with its one occurrence of <paramref name="old"/> replaced.</summary>
    private static string Edit(string text, string old, string replacement)
    {
        int at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(old, at + 1, StringComparison.Ordinal) < 0, $"'{old}' must occur once");
        return text[..at] + replacement + text[(at + old.Length)..];
    }

    private static readonly IncrementalStepRunReason[] NotRerun = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    private sealed record Holder(object Value);

    /// <summary>The first run (every step New) on the service code and one values file, kept for ReplaceAdditionalText.</summary>
    private static (GeneratorRun Run, Compilation Compilation, AdditionalText Yaml) FirstRun()
    {
        var compilation = CompilationFactory.Create(new[] { Service }, withAwsSdk: true);
        var yaml = new InMemoryAdditionalText(TestPath, LocalIndexes);
        var options = new TestOptionsProvider().WithProperty("RootNamespace", "Webshop.Orders").WithValuesFile(TestPath);
        var run = GeneratorHarness.Run(compilation, new[] { yaml }, options);
        Assert.Equal(RunReasons.New, RunReasons.Of(run));
        return (run, compilation, yaml);
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string step)
        => run.Result.TrackedSteps[step].SelectMany(s => s.Outputs);
}

/// <summary>
/// The run reason of every tracked step of one run, Mapperly style: one value per step (the strongest reason when a
/// step has several outputs: Modified/New over Unchanged over Cached), compared against named presets.
/// </summary>
internal sealed record RunReasons(
    IncrementalStepRunReason ParseValuesFile,
    IncrementalStepRunReason ReadOptions,
    IncrementalStepRunReason DetectSdk,
    IncrementalStepRunReason MergeSchema,
    IncrementalStepRunReason Output)
{
    private const IncrementalStepRunReason New_ = IncrementalStepRunReason.New;
    private const IncrementalStepRunReason Modified = IncrementalStepRunReason.Modified;
    private const IncrementalStepRunReason Unchanged = IncrementalStepRunReason.Unchanged;
    private const IncrementalStepRunReason Cached = IncrementalStepRunReason.Cached;

    /// <summary>The first run.</summary>
    public static readonly RunReasons New = new(New_, New_, New_, New_, New_);

    /// <summary>A C# edit: only the SDK probe looks at the new compilation, finds the same answer, and nothing else runs.</summary>
    public static readonly RunReasons CSharpEdited = new(Cached, Cached, Unchanged, Cached, Cached);

    /// <summary>A comment at the end of the YAML: the file is parsed again into an equal model, and nothing else runs.</summary>
    public static readonly RunReasons YamlCommentEdited = new(Unchanged, Cached, Cached, Cached, Cached);

    /// <summary>
    /// A comment or blank line above or inside a table, or reordered keys: the positions in the parsed file change
    /// (Modified), the merged model, which holds none, does not (Unchanged), and the source output is not re-run.
    /// </summary>
    public static readonly RunReasons YamlLayoutEdited = new(Modified, Cached, Cached, Unchanged, Cached);

    /// <summary>A real YAML edit: the file is parsed again, the schema re-merged, the file regenerated.</summary>
    public static readonly RunReasons YamlEdited = new(Modified, Cached, Cached, Modified, Modified);

    public static RunReasons Of(GeneratorRun run)
    {
        var result = run.Result;
        return new RunReasons(
            Strongest(result.TrackedSteps, TrackingNames.ParseValuesFile),
            Strongest(result.TrackedSteps, TrackingNames.ReadOptions),
            Strongest(result.TrackedSteps, TrackingNames.DetectSdk),
            Strongest(result.TrackedSteps, TrackingNames.MergeSchema),
            Strongest(result.TrackedOutputSteps, "SourceOutput"));
    }

    public static IncrementalStepRunReason Strongest(IReadOnlyDictionary<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>> steps, string name)
    {
        var reasons = steps.TryGetValue(name, out var runSteps) ? runSteps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList() : new List<IncrementalStepRunReason>();
        Assert.True(reasons.Count > 0, $"Step {name} did not run or is not tracked");
        return reasons.OrderBy(Rank).Last();
    }

    private static int Rank(IncrementalStepRunReason reason) => reason switch
    {
        IncrementalStepRunReason.Cached => 0,
        IncrementalStepRunReason.Unchanged => 1,
        IncrementalStepRunReason.Removed => 2,
        _ => 3,
    };
}
