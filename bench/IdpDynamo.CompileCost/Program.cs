using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace IdpDynamo.CompileCost;

/// <summary>
/// What IdpDynamo's analyzers and generator add to a compile, measured in process with the SDK's compiler.
/// <code>
/// IdpDynamo.CompileCost steady &lt;csc.rsp&gt; &lt;project dir&gt; [--rounds N] [--variant name=IdpDynamo.Analyzers.dll]...
/// IdpDynamo.CompileCost fresh  &lt;csc.rsp&gt; &lt;project dir&gt; [--rounds N] [--variant name=IdpDynamo.Analyzers.dll]...
/// IdpDynamo.CompileCost rules  &lt;csc.rsp&gt; &lt;project dir&gt; [--rounds N] --variant name=IdpDynamo.Analyzers.dll
/// IdpDynamo.CompileCost repeat &lt;csc.rsp&gt; &lt;project dir&gt; [--rounds N] --variant name=IdpDynamo.Analyzers.dll
/// IdpDynamo.CompileCost generators &lt;csc.rsp&gt; &lt;project dir&gt; --variant name=IdpDynamo.Analyzers.dll
/// </code>
/// The command line is the Csc task's own (bench/compile-cost.sh takes it from the service's build), so the compile has
/// the sources, references, analyzers (the SDK's default set), generators and analyzer configs of a real build. Variant
/// <c>none</c> drops IdpDynamo.Analyzers.dll and compiles the source our generator would have added as ordinary files
/// (both variants compile the same program); every <c>--variant</c> puts the named IdpDynamo.Analyzers.dll in its place
/// (e.g. the package before and after a change). <c>steady</c>: 2 warm-up rounds, then N (15) rounds in one process,
/// the variants interleaved in rotating order; medians and the marginal % over <c>none</c>. <c>fresh</c>: N pairs of
/// child processes (one compile each, interleaved), first-run medians and marginal %. Targets: marginal ≤ 2 % steady,
/// ≤ 5 % in a fresh process. <c>rules</c> (for finding where the time goes, not a target): each rule of the variant
/// alone on a fresh compilation, median ms. <c>repeat</c>: N compiles of one variant, nothing printed but the
/// times, for a profiler to attach to (<c>dotnet-trace collect -- dotnet IdpDynamo.CompileCost.dll repeat ...</c>).
/// <c>generators</c>: the command line's generators run once in this new process, as the compiler runs them (before
/// anything else binds the compilation), each generator's ms on the driver's clock.
/// </summary>
public static class Program
{
    private const double SteadyTarget = 2.0;
    private const double FreshTarget = 5.0;

    /// <summary>Started first thing in Main: a fresh process's compile is timed from here (loading its inputs included).</summary>
    private static readonly Stopwatch SinceMain = new();

    public static async Task<int> Main(string[] args)
    {
        SinceMain.Start();
        if (args.Length < 3 || args[0] is not ("steady" or "fresh" or "once" or "rules" or "repeat" or "generators"))
        {
            Console.Error.WriteLine("usage: IdpDynamo.CompileCost steady|fresh|rules|repeat|generators <csc.rsp> <project dir> [--rounds N] [--variant name=path]...");
            return 2;
        }

        int rounds = 15;
        var variants = new List<(string Name, string? Path)> { ("none", null) };
        string? only = null;
        for (int i = 3; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds":
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--variant":
                    string[] pair = args[++i].Split('=', 2);
                    variants.Add((pair[0], Path.GetFullPath(pair[1])));
                    break;
                case "--only":
                    only = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }

        var service = ServiceCompile.Load(File.ReadAllText(args[1]), Path.GetFullPath(args[2]));
        return args[0] switch
        {
            "steady" => await Steady(service, variants, rounds),
            "fresh" => Fresh(args, variants, rounds),
            "rules" => await Rules(service, variants.Last(), rounds),
            "repeat" => await Repeat(service, variants.Last(), rounds),
            "generators" => Generators(service, variants.Last()),
            _ => await Once(service, variants.Single(v => v.Name == only)),
        };
    }

    private static async Task<int> Steady(ServiceCompile service, List<(string Name, string? Path)> variants, int rounds)
    {
        Console.WriteLine($"steady: {service.Describe()}; {rounds} rounds after 2 warm-up rounds; {Machine()}");
        var compilers = variants.Select(v => (v.Name, Compiler: service.Variant(v.Path))).ToList();
        var generated = await service.GeneratedSources(compilers.First(c => c.Name != "none").Compiler);
        var times = compilers.ToDictionary(c => c.Name, _ => new List<double>());
        var reports = new Dictionary<string, CompileResult>();
        for (int round = -2; round < rounds; round++)
        {
            for (int k = 0; k < compilers.Count; k++)
            {
                var (name, compiler) = compilers[(k + Math.Max(round, 0)) % compilers.Count];
                var result = await compiler.Compile(name == "none" ? generated : null, telemetry: false);
                if (round >= 0)
                {
                    times[name].Add(result.Milliseconds);
                }

                reports[name] = result;
            }
        }

        if (!Check(reports))
        {
            return 1;
        }

        Summarize("steady state", times, SteadyTarget);

        // One more compile per variant with the compiler's per-analyzer clock (as -p:ReportAnalyzer=true), not timed.
        foreach (var (name, compiler) in compilers.Where(c => c.Name != "none"))
        {
            var result = await compiler.Compile(null, telemetry: true);
            Console.WriteLine($"  {name}: per-analyzer execution time (one compile, compiler's clock; total compile {result.Milliseconds:F0} ms):");
            foreach (var (analyzer, ms) in result.AnalyzerTimes.OrderByDescending(a => a.Value).Take(12))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {ms,8:F1} ms  {analyzer}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    IdpDynamo analyzers {result.IdpAnalyzerMs:F1} ms + generator {result.IdpGeneratorMs:F1} ms = {(result.IdpAnalyzerMs + result.IdpGeneratorMs) / result.Milliseconds * 100:F2} % of this compile"));
        }

        return 0;
    }

    /// <summary>
    /// Each rule of <paramref name="variant"/> as the only analyzer of a fresh compilation (so it pays for the binding
    /// it asks for): the median over <paramref name="rounds"/> of its analysis time, and of the whole shipped analyzer.
    /// </summary>
    private static async Task<int> Rules(ServiceCompile service, (string Name, string? Path) variant, int rounds)
    {
        Console.WriteLine($"rules: {service.Describe()}; {variant.Name}'s rules, each alone on a fresh compilation, median of {rounds} after 1 warm-up; {Machine()}");
        foreach (var (name, ms) in await service.Variant(variant.Path).TimeAlone(rounds))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {ms,8:F1} ms  {name}"));
        }

        return 0;
    }

    /// <summary><paramref name="rounds"/> compiles of <paramref name="variant"/> in this process, for a profiler.</summary>
    private static async Task<int> Repeat(ServiceCompile service, (string Name, string? Path) variant, int rounds)
    {
        var compiler = service.Variant(variant.Path);
        for (int round = 0; round < rounds; round++)
        {
            var result = await compiler.Compile(null, telemetry: false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variant.Name} round {round + 1}: {result.Milliseconds:F0} ms{(result.Failed is { } f ? ", failed: " + f : "")}"));
        }

        return 0;
    }

    /// <summary>Child processes, one compile each: <c>none</c> and every variant in turn, <paramref name="rounds"/> times.</summary>
    private static int Fresh(string[] args, List<(string Name, string? Path)> variants, int rounds)
    {
        Console.WriteLine($"fresh: one compile per new process, {rounds} interleaved rounds; {Machine()}");
        var times = variants.ToDictionary(v => v.Name, _ => new List<double>());
        string self = Environment.ProcessPath!;
        string dll = typeof(Program).Assembly.Location;
        var passOn = args.Skip(1).Take(2).ToList();
        foreach (var v in variants.Where(v => v.Path is not null))
        {
            passOn.Add("--variant");
            passOn.Add($"{v.Name}={v.Path}");
        }

        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < variants.Count; k++)
            {
                string name = variants[(k + round) % variants.Count].Name;
                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                if (!self.EndsWith("IdpDynamo.CompileCost", StringComparison.Ordinal))
                {
                    start.ArgumentList.Add(dll);
                }

                start.ArgumentList.Add("once");
                foreach (var a in passOn)
                {
                    start.ArgumentList.Add(a);
                }

                start.ArgumentList.Add("--only");
                start.ArgumentList.Add(name);
                using var process = Process.Start(start)!;
                string output = process.StandardOutput.ReadToEnd();
                string error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0 || !double.TryParse(output.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
                {
                    Console.Error.WriteLine($"child '{name}' failed ({process.ExitCode}): {output}{error}");
                    return 1;
                }

                times[name].Add(ms);
            }
        }

        Summarize("first compile in a fresh process", times, FreshTarget);
        return 0;
    }

    /// <summary>The generators of <paramref name="variant"/>'s compile, run once in this (new) process: each one's ms, in run order.</summary>
    private static int Generators(ServiceCompile service, (string Name, string? Path) variant)
    {
        var driver = service.Variant(variant.Path).Drive(service.Compilation(ImmutableArray<(string, Microsoft.CodeAnalysis.Text.SourceText)>.Empty), out _);
        foreach (var generator in driver.GetTimingInfo().GeneratorTimes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{generator.ElapsedTime.TotalMilliseconds,8:F1} ms  {Microsoft.CodeAnalysis.GeneratorExtensions.GetGeneratorType(generator.Generator).Name}"));
        }

        return 0;
    }

    /// <summary>One compile in this (fresh) process, from loading the analyzers to the emitted assembly; prints its ms.</summary>
    private static async Task<int> Once(ServiceCompile service, (string Name, string? Path) variant)
    {
        var compiler = service.Variant(variant.Path);
        var result = await compiler.Compile(variant.Path is null ? service.GeneratedSourcesFromDisk() : null, telemetry: false);
        Console.WriteLine(SinceMain.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
        return result.Failed is null ? 0 : 1;
    }

    /// <summary>No analyzer or generator failed, and every IdpDynamo variant reports exactly the same diagnostics.</summary>
    private static bool Check(Dictionary<string, CompileResult> reports)
    {
        bool ok = true;
        foreach (var (name, report) in reports)
        {
            if (report.Failed is { } failure)
            {
                Console.Error.WriteLine($"  {name}: {failure}");
                ok = false;
            }
        }

        var withIdp = reports.Where(r => r.Key != "none").ToList();
        foreach (var (name, report) in withIdp)
        {
            Console.WriteLine($"  {name}: IdpDynamo diagnostics {string.Join(", ", report.IdpDiagnostics.GroupBy(d => d.Split(' ')[0], StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"))}");
            if (!report.IdpDiagnostics.SequenceEqual(withIdp[0].Value.IdpDiagnostics, StringComparer.Ordinal))
            {
                Console.Error.WriteLine($"  {name} reports other IdpDynamo diagnostics than {withIdp[0].Key}:");
                foreach (var d in report.IdpDiagnostics.Except(withIdp[0].Value.IdpDiagnostics, StringComparer.Ordinal).Take(10))
                {
                    Console.Error.WriteLine($"    + {d}");
                }

                foreach (var d in withIdp[0].Value.IdpDiagnostics.Except(report.IdpDiagnostics, StringComparer.Ordinal).Take(10))
                {
                    Console.Error.WriteLine($"    - {d}");
                }

                ok = false;
            }
        }

        return ok;
    }

    private static void Summarize(string what, Dictionary<string, List<double>> times, double target)
    {
        var none = times["none"];
        double baseMedian = Median(none);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: none (SDK analyzers, our generated source as plain files) median {baseMedian:F0} ms"));
        foreach (var (name, list) in times.Where(t => t.Key != "none"))
        {
            double median = Median(list);
            double marginal = (median - baseMedian) / baseMedian * 100;
            double paired = Median(list.Zip(none, (a, b) => (a - b) / b * 100).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {what}: {name} median {median:F0} ms: marginal {marginal:+0.0;-0.0} % (median of paired rounds {paired:+0.0;-0.0} %), target <= {target:F0} %: {(Math.Max(marginal, paired) <= target ? "met" : "MISSED")}"));
            Console.WriteLine($"    rounds {name}: {string.Join(" ", list.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}");
        }

        Console.WriteLine($"    rounds none: {string.Join(" ", none.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Machine()
        => $"{Environment.ProcessorCount} cores, load average {(File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?")}, {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}";
}
