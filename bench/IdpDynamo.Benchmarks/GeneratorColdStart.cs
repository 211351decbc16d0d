extern alias analyzers;

using System;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdpDynamo.Benchmarks;

/// <summary>
/// (c) The generator's first run in a fresh process, as in a build: the compiler (here Roslyn from NuGet) is warmed up
/// first with a generator of its own over the same inputs, so the time measured is what our generator's first run
/// costs (loading and JIT-compiling it, the reader and the emitter, and the work) — not Roslyn's own start-up.
/// Run it several times (each run is one process); compare builds of the tool from two commits.
/// </summary>
public static class GeneratorColdStart
{
    public static int Run(int tables)
    {
        var values = GeneratorHost.ValuesText(ValuesFileGenerator.Generate(tables));
        var compilation = GeneratorHost.CreateCompilation();

        // Roslyn's driver, its incremental tables, the references' metadata (a type lookup that searches them all, which
        // the compile does anyway) and the parser of generated code, warm.
        var warmUp = CSharpGeneratorDriver.Create(new[] { new NoOpGenerator().AsSourceGenerator() }, new[] { values }, GeneratorHost.ParseOptions);
        warmUp.RunGenerators(compilation);
        _ = compilation.GetTypeByMetadataName("Bench.Missing.Type");

        var stopwatch = Stopwatch.StartNew();
        var driver = GeneratorHost.CreateDriver(values, trackSteps: false).RunGenerators(compilation);
        double first = stopwatch.Elapsed.TotalMilliseconds;
        GeneratorHost.Check(driver, tables);

        stopwatch.Restart();
        GeneratorHost.Check(GeneratorHost.CreateDriver(values, trackSteps: false).RunGenerators(compilation), tables);
        double second = stopwatch.Elapsed.TotalMilliseconds;

        Console.WriteLine($"generator, {tables} tables: first run in this process {first:F1} ms, second (new driver, warm code) {second:F1} ms");
        return 0;
    }

    /// <summary>The same first run taken apart: each step of the generator's work, cold, in the order it happens.</summary>
    public static int Phases(int tables)
    {
        string yaml = ValuesFileGenerator.Generate(tables);
        var compilation = GeneratorHost.CreateCompilation();
        var warmUp = CSharpGeneratorDriver.Create(new[] { new NoOpGenerator().AsSourceGenerator() }, new[] { GeneratorHost.ValuesText(yaml) }, GeneratorHost.ParseOptions);
        warmUp.RunGenerators(compilation);
        _ = compilation.GetTypeByMetadataName("Bench.Missing.Type");

        var stopwatch = Stopwatch.StartNew();
        var document = analyzers::IdpDynamo.Schema.Yaml.YamlReader.Read(yaml, new analyzers::IdpDynamo.Schema.DiagnosticBag("values.yaml"));
        double read = Lap(stopwatch);
        var file = analyzers::IdpDynamo.Schema.Model.ValuesModelBuilder.Build(GeneratorHost.ValuesPath, ValuesFileGenerator.Namespace, string.Empty, document.Root);
        double model = Lap(stopwatch);
        var schema = analyzers::IdpDynamo.Schema.Model.AccessorSchema.Build(new[] { file }, "DynamoTables");
        var tablesModel = analyzers::IdpDynamo.Analyzers.Generation.GeneratedTables.From(schema, new analyzers::IdpDynamo.Analyzers.Generation.GenerationOptions(null, "DynamoTables"));
        double merge = Lap(stopwatch);
        string source = analyzers::IdpDynamo.Analyzers.Generation.AccessorsEmitter.Emit(tablesModel, hasSdk: false);
        double emit = Lap(stopwatch);
        _ = CSharpSyntaxTree.ParseText(source, GeneratorHost.ParseOptions).GetRoot();
        double parse = Lap(stopwatch);
        Console.WriteLine($"generator steps, {tables} tables, cold: read {read:F1} ms, model {model:F1} ms, merge {merge:F1} ms, emit {emit:F1} ms ({source.Length / 1024} KiB), parse of the output {parse:F1} ms");
        return 0;
    }

    private static double Lap(Stopwatch stopwatch)
    {
        double ms = stopwatch.Elapsed.TotalMilliseconds;
        stopwatch.Restart();
        return ms;
    }

    private sealed class NoOpGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
            => context.RegisterSourceOutput(
                context.AdditionalTextsProvider.Select(static (t, ct) => t.GetText(ct)?.Length ?? 0).Collect()
                    .Combine(context.AnalyzerConfigOptionsProvider.Select(static (p, _) => p.GlobalOptions.TryGetValue("build_property.X", out string? _)))
                    .Combine(context.CompilationProvider.Select(static (c, _) => c.GetTypeByMetadataName("Bench.Other.Missing") is null)),
                static (spc, input) => spc.AddSource("n.g.cs", "namespace N { /// <summary>x</summary>\n public static class C { public const string S = \"" + input.Left.Left.Length + "\"; } }"));
    }
}
