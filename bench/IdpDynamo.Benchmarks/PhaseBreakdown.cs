using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using IdpDynamo.Schema;
using IdpDynamo.Schema.Model;
using IdpDynamo.Schema.ChartSchema;
using IdpDynamo.Schema.Validation;
using IdpDynamo.Schema.Validation.Rules;
using IdpDynamo.Schema.Yaml;

namespace IdpDynamo.Benchmarks;

/// <summary>
/// <c>phases &lt;file&gt;</c>: where one ValuesValidator.Validate call spends its time and allocations, phase by phase
/// (the steps ValuesValidator.ValidateText runs), first call (cold: JIT, type loading) and the median of later calls.
/// A diagnostic aid for bench/RESULTS.md, not a benchmark: the phases are timed with a stopwatch.
/// </summary>
public static class PhaseBreakdown
{
    public static int Run(string path, TextWriter output)
    {
        byte[] content = File.ReadAllBytes(path);
        var phases = new List<(string Name, List<double> Ms, long Bytes)>();
        for (int run = 0; run < 12; run++)
        {
            int index = 0;
            var bag = new DiagnosticBag(path);
            T Measure<T>(string name, Func<T> action)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var stopwatch = Stopwatch.StartNew();
                T result = action();
                double ms = stopwatch.Elapsed.TotalMilliseconds;
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                if (run == 0)
                {
                    phases.Add((name, new List<double>(), bytes));
                }

                phases[index] = (name, phases[index].Ms, bytes);
                phases[index++].Ms.Add(ms);
                return result;
            }

            var version = Measure("ChartVersionResolver.Resolve", () => ChartVersionResolver.Resolve(null, null, ValuesFileGenerator.ChartVersion, bag, path));
            string text = Measure("YamlDecoder.Decode", () => YamlDecoder.Decode(content, bag)!);
            Measure("CheckModeline", () => { ChartVersionResolver.CheckModeline(text, version, bag); return 0; });
            Measure("  (BlockYamlScanner alone, no tree)", () => BlockYamlScanner.TryScan(text, NoSink.Instance));
            Measure("  (YamlDotNet alone, events as a list)", () => YamlDotNetAdapter.Events(text));
            var document = Measure("YamlReader.Read (scanner + tree)", () => YamlReader.Read(text, bag));
            var schema = Measure("SchemaBundle.Get", () => SchemaBundle.Get(version.SchemaVersion));
            Measure("StructuralValidator", () => StructuralValidator.Validate(document, schema, bag));
            var model = Measure("ValuesModelBuilder", () => ValuesModelBuilder.Build(path, ValuesFileGenerator.Namespace, version.SchemaVersion, document.Root));
            var ctx = new RuleContext(model, bag);
            Measure("NameRules", () => { NameRules.Run(ctx); return 0; });
            Measure("KeyRules", () => { KeyRules.Run(ctx); return 0; });
            Measure("TableRules", () => { TableRules.Run(ctx); return 0; });
            Measure("IndexRules", () => { IndexRules.Run(ctx); return 0; });
            Measure("AccessRules", () => { AccessRules.Run(ctx); return 0; });
            Measure("PolicyRules", () => { PolicyRules.Run(ctx); return 0; });
            Measure("whole Validate call", () => ValuesValidator.Validate(content, new ValuesFileSettings(path, ValuesFileGenerator.Namespace, ValuesFileGenerator.ChartVersion)));
        }

        output.WriteLine($"{path}: phases of ValuesValidator.Validate (cold = first call; warm = median of 11 later calls)");
        output.WriteLine($"  {"phase",-38} {"cold ms",9} {"warm ms",9} {"MiB",8}");
        foreach (var (name, ms, bytes) in phases)
        {
            var warm = ms.Skip(1).OrderBy(x => x).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-38} {ms[0],9:F2} {warm[warm.Count / 2],9:F2} {bytes / 1024.0 / 1024.0,8:F2}"));
        }

        return 0;
    }
}

/// <summary>Discards the events: the scanner's own cost.</summary>
internal sealed class NoSink : IYamlEventSink
{
    public static readonly NoSink Instance = new();

    public void Handle(in YamlEvent ev)
    {
    }
}
