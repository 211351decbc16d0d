using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IdpDynamo.Benchmarks;

/// <summary>
/// Entry point (bench/README.md):
/// <list type="bullet">
/// <item><c>validator [BenchmarkDotNet args]</c>: (a) validator throughput on 1–10,000 tables, then cost per table.</item>
/// <item><c>generator [BenchmarkDotNet args]</c>: (d) generator caching proof, then time per run on 100 and 1,000 tables.</item>
/// <item><c>generator-size</c>, <c>generator-source</c>, <c>generator-empty</c>: see <see cref="GeneratorOutput"/>.</item>
/// <item><c>generate &lt;tables&gt; &lt;path&gt;</c>: writes a generated values file (for the scripts).</item>
/// <item><c>service &lt;dir&gt; [files] [tables]</c>: writes the generated service of bench/analyzers.sh.</item>
/// <item><c>realistic-service &lt;dir&gt; [files] [tables]</c>: a service where one file in ten calls DynamoDB (bench/compile-cost.sh).</item>
/// </list>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "";
        string[] rest = args.Skip(1).ToArray();
        switch (mode)
        {
            case "validator":
                return Validator(rest);
            case "generator":
                return Generator(rest);
            case "generate" when args.Length == 3 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int tables):
                string path = Path.GetFullPath(args[2]);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, ValuesFileGenerator.GenerateUtf8(ValuesFileGenerator.CheckCount(tables)));
                Console.WriteLine($"{path}: {tables} tables, {new FileInfo(path).Length / 1024} KiB");
                return 0;
            case "phases" when args.Length == 2:
                return PhaseBreakdown.Run(args[1], Console.Out);
            case "cold" when args.Length == 2:
                return Cold(args[1]);
            case "generator-cold-steps" when args.Length == 2:
                return GeneratorColdStart.Phases(ValuesFileGenerator.CheckCount(int.Parse(args[1], CultureInfo.InvariantCulture)));
            case "generator-cold" when args.Length == 2:
                return GeneratorColdStart.Run(ValuesFileGenerator.CheckCount(int.Parse(args[1], CultureInfo.InvariantCulture)));
            case "generator-size" when args.Length >= 2:
                return GeneratorOutput.Size(rest);
            case "generator-source" when args.Length >= 3:
                return GeneratorOutput.Source(args[1], args.Skip(2).ToArray());
            case "generator-empty" when args.Length == 1:
                return GeneratorOutput.Empty();
            case "service" when args.Length is >= 2 and <= 4:
                int files = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
                int serviceTables = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
                ServiceGenerator.Write(Path.GetFullPath(args[1]), files, serviceTables, Console.Out);
                return 0;
            case "realistic-service" when args.Length is >= 2 and <= 4:
                int realisticFiles = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
                int realisticTables = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
                RealisticServiceGenerator.Write(Path.GetFullPath(args[1]), realisticFiles, realisticTables, Console.Out);
                return 0;
            default:
                Console.Error.WriteLine("""
                    Usage: IdpDynamo.Benchmarks validator [BenchmarkDotNet args]   (a) validator on 1..10,000 tables
                           IdpDynamo.Benchmarks generator [BenchmarkDotNet args]   (d) generator: caching proof and time per run
                           IdpDynamo.Benchmarks generator-cold <tables>           the generator's first run in a fresh process
                           IdpDynamo.Benchmarks generator-size <values.yaml>...    bytes of the generated source, per table
                           IdpDynamo.Benchmarks generator-source <out.cs> <values.yaml>...  writes the generated source
                           IdpDynamo.Benchmarks generator-empty                    the generator on a project without values files
                           IdpDynamo.Benchmarks generate <tables> <path>           writes a generated values file
                           IdpDynamo.Benchmarks service <dir> [files] [tables]     writes the generated service of bench/analyzers.sh
                           IdpDynamo.Benchmarks realistic-service <dir> [files] [tables]  a service where 1 file in 10 calls DynamoDB
                    """);
                return 2;
        }
    }

    /// <summary>
    /// The first, second and tenth ValuesValidator.Validate call on one file in a fresh process: the first carries the
    /// JIT and type loading that a CLI run pays, the later ones show the steady state.
    /// </summary>
    private static int Cold(string path)
    {
        byte[] content = File.ReadAllBytes(path);
        var settings = new Schema.Validation.ValuesFileSettings(path, ValuesFileGenerator.Namespace, ValuesFileGenerator.ChartVersion);
        var times = new List<double>();
        long allocated = 0;
        int gcs = 0;
        for (int i = 0; i < 10; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            int gcBefore = GC.CollectionCount(0);
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            Schema.Validation.ValuesValidator.Validate(content, settings);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            gcs = GC.CollectionCount(0) - gcBefore;
        }

        // The YAML reader alone (YamlDotNet parser + node tree), for the split between reading and checking.
        string text = System.Text.Encoding.UTF8.GetString(content);
        double readMs = 0;
        long readAllocated = 0;
        for (int i = 0; i < 10; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            Schema.Yaml.YamlReader.Read(text, new Schema.DiagnosticBag(path));
            readMs = stopwatch.Elapsed.TotalMilliseconds;
            readAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: YamlReader.Read alone (10th call) {readMs:F1} ms, {readAllocated / 1024.0 / 1024.0:F1} MiB allocated"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: process start to Main {(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds - times.Sum():F0} ms; Validate #1 {times[0]:F1} ms, #2 {times[1]:F1} ms, #10 {times[9]:F1} ms; {allocated / 1024.0 / 1024.0:F1} MiB allocated and {gcs} gen0 GCs per call"));
        return 0;
    }

    /// <summary>
    /// In-process (no generated benchmark project to build, which matters on a shared 2-core machine), one launch, a
    /// fixed number of iterations; BenchmarkDotNet's own arguments (e.g. --iterationCount 30) override these.
    /// </summary>
    private static IConfig Config()
        => DefaultConfig.Instance
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(15)
                .AsDefault())
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);

    private static int Validator(string[] args)
    {
        var summary = BenchmarkRunner.Run<ValidatorBenchmarks>(Config(), args);
        return PrintPerTable(summary, Console.Out) ? 0 : 1;
    }

    private static int Generator(string[] args)
    {
        bool ok = GeneratorCachingProof.Run(Console.Out, 100) & GeneratorCachingProof.Run(Console.Out, 1000);
        var summary = BenchmarkRunner.Run<GeneratorBenchmarks>(Config(), args);
        Console.WriteLine();
        Console.WriteLine("Generator: time per run");
        foreach (var report in summary.Reports.OrderBy(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, StringComparer.Ordinal).ThenBy(Tables))
        {
            if (report.ResultStatistics is { } stats)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {report.BenchmarkCase.Descriptor.WorkloadMethod.Name,-16} {Tables(report),6} tables: median {stats.Median / 1e6,9:F3} ms, allocated {Allocated(report) / 1024.0 / 1024.0,8:F2} MiB"));
            }
        }

        Console.WriteLine(ok ? "Caching proof: PASS" : "Caching proof: FAIL");
        return ok ? 0 : 1;
    }

    /// <summary>Cost per table for each size and the growth ratios; false when a benchmark has no result.</summary>
    private static bool PrintPerTable(Summary summary, TextWriter output)
    {
        var rows = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .Select(r => (Tables: Tables(r), Median: r.ResultStatistics!.Median, Mean: r.ResultStatistics.Mean, Allocated: Allocated(r)))
            .OrderBy(r => r.Tables)
            .ToList();
        if (rows.Count == 0)
        {
            output.WriteLine("No results.");
            return false;
        }

        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("Validator: cost per table (median time of one ValuesValidator.Validate call)");
        sb.AppendLine("  tables |     median ms | µs per table | allocated MiB | KiB per table");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Tables,6} | {r.Median / 1e6,13:F3} | {r.Median / 1e3 / r.Tables,12:F2} | {r.Allocated / 1024.0 / 1024.0,13:F3} | {r.Allocated / 1024.0 / r.Tables,13:F2}"));
        }

        var one = rows.FirstOrDefault(r => r.Tables == 1);
        var max = rows[^1];
        if (one.Tables == 1 && max.Tables > 1)
        {
            double ratio = max.Median / one.Median;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  time {max.Tables}/1 tables: {ratio:F0}x for {max.Tables}x the tables (below {max.Tables}x: the 1-table run carries the fixed per-file cost)"));
        }

        // Linear growth: the per-table cost of the big files stays flat; a fit through the points gives the fixed cost.
        foreach (var (small, big) in new[] { (100, 1000), (1000, 10000), (100, 10000) })
        {
            var a = rows.FirstOrDefault(r => r.Tables == small);
            var b = rows.FirstOrDefault(r => r.Tables == big);
            if (a.Tables == small && b.Tables == big)
            {
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"  per-table time {big}/{small}: {b.Median / big / (a.Median / small):F2} (1.00 = linear); per-table allocation {big}/{small}: {(double)b.Allocated / big / ((double)a.Allocated / small):F2}"));
            }
        }

        var (slope, intercept, r2) = Fit(rows.Select(r => ((double)r.Tables, r.Median)).ToList());
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  least-squares fit: time = {intercept / 1e3:F1} µs + {slope / 1e3:F2} µs x tables (R² = {r2:F5})"));
        output.Write(sb.ToString());
        return true;
    }

    private static (double Slope, double Intercept, double R2) Fit(IReadOnlyList<(double X, double Y)> points)
    {
        double n = points.Count;
        double mx = points.Average(p => p.X);
        double my = points.Average(p => p.Y);
        double sxy = points.Sum(p => (p.X - mx) * (p.Y - my));
        double sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double intercept = my - slope * mx;
        double ssTot = points.Sum(p => (p.Y - my) * (p.Y - my));
        double ssRes = points.Sum(p => Math.Pow(p.Y - (intercept + slope * p.X), 2));
        return (slope, intercept, ssTot == 0 || n < 2 ? 1 : 1 - ssRes / ssTot);
    }

    private static int Tables(BenchmarkReport report) => Convert.ToInt32(report.BenchmarkCase.Parameters["Tables"], CultureInfo.InvariantCulture);

    private static long Allocated(BenchmarkReport report) => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
}
