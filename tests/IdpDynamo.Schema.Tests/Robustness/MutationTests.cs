using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using IdpDynamo.Schema.Tests.Infrastructure;
using IdpDynamo.Schema.Validation;
using IdpDynamo.Tests.Robustness;
using Xunit.Abstractions;

namespace IdpDynamo.Schema.Tests.Robustness;

/// <summary>
/// Issue 7 item 2: seeded mutations of the valid values files (samples/apps/*/orders/dynamodb/values.yaml and
/// <see cref="Values.Valid"/>), byte-level and YAML-structure-level (<see cref="ValuesMutator"/>), each through
/// <see cref="ValuesValidator.Validate"/>: no exception, no IDPDYN999, every position 1-based and inside the file, every
/// message non-empty, each input within <see cref="PerInputBound"/>. The count is IDPDYN_MUTATIONS (default
/// <see cref="DefaultCount"/>, the full size; see Robustness/README.md); IDPDYN_MUTATION_SEED=s picks
/// another sequence and IDPDYN_MUTATION_CASE=n runs case n alone. Failures are collected over all cases and reported
/// together, each with its case number and input.
/// </summary>
public class MutationTests
{
    /// <summary>
    /// CI size: the full 10,000, because they take about 5 s on the 2-core build machine (a case is ~0.5 ms; the
    /// test must stay under 60 s). Robustness/README.md says how to run more or other seeds.
    /// </summary>
    public const int DefaultCount = 10_000;

    /// <summary>The seed of the mutation sequence; a new seed is a new set of inputs.</summary>
    public const int Seed = 20_261_121;

    /// <summary>A hang guard, not a benchmark: valid files validate in about a millisecond.</summary>
    private static readonly TimeSpan PerInputBound = TimeSpan.FromSeconds(2);

    /// <summary>Hangs tolerated before the run stops (each costs up to three bounds).</summary>
    private const int MaxHangs = 5;

    private readonly ITestOutputHelper _output;

    public MutationTests(ITestOutputHelper output) => _output = output;

    /// <summary>The valid inputs the mutations start from, with the namespace their path implies.</summary>
    internal static IReadOnlyList<(string Name, string Text)> Corpus()
    {
        var corpus = Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "samples", "apps"))
            .Select(dir => Path.Combine(dir, "orders", "dynamodb", "values.yaml"))
            .Where(File.Exists)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (Name: Path.GetRelativePath(RepositoryPaths.Root, p).Replace('\\', '/'), Text: File.ReadAllText(p)))
            .ToList();
        Assert.True(corpus.Count >= 2, "expected the samples' values files under samples/apps/*/orders/dynamodb");
        corpus.Add(("tests/IdpDynamo.Schema.Tests/Infrastructure/Values.cs (Values.Valid)", Values.Valid));
        return corpus;
    }

    /// <summary>apps/&lt;ns&gt;/orders/dynamodb/values.yaml for a corpus entry: the samples keep their own namespace.</summary>
    private static (string Path, string Namespace) Location(string origin)
    {
        string ns = origin.Contains("webshop-prod", StringComparison.Ordinal) ? "webshop-prod" : "webshop-test";
        return ($"apps/{ns}/orders/dynamodb/values.yaml", ns);
    }

    [Fact]
    public void The_corpus_is_valid_before_mutation()
    {
        foreach (var (name, text) in Corpus())
        {
            var (path, ns) = Location(name);
            var result = ValuesValidator.Validate(Encoding.UTF8.GetBytes(text), new ValuesFileSettings(path, ns, "2.1.11"));
            Assert.True(result.Diagnostics.All(d => d.Severity != Severity.Error), $"{name} has errors:\n{Check.Describe(result.Diagnostics)}");
            Assert.NotNull(result.Model);
        }
    }

    [Fact]
    public void The_mutator_is_deterministic_and_mutates()
    {
        var a = new ValuesMutator(Corpus(), Seed);
        var b = new ValuesMutator(Corpus(), Seed);
        var corpus = Corpus().Select(c => Encoding.UTF8.GetBytes(c.Text)).ToList();
        int unchanged = 0;
        for (int i = 0; i < 500; i++)
        {
            var x = a.Create(i);
            var y = b.Create(i);
            Assert.Equal(x.Operations, y.Operations);
            Assert.Equal(x.Bytes, y.Bytes);
            if (corpus.Any(c => c.AsSpan().SequenceEqual(x.Bytes)))
            {
                unchanged++;
            }
        }

        // A swap of two identical keys or lines can leave a file as it was; almost every case must differ.
        Assert.True(unchanged < 25, $"{unchanged} of 500 mutants equal a corpus file");
    }

    [Fact]
    public void Mutated_values_files_never_crash_hang_or_misplace_a_diagnostic()
    {
        int count = ValuesMutator.CountFromEnvironment("IDPDYN_MUTATIONS", DefaultCount);
        var only = Environment.GetEnvironmentVariable("IDPDYN_MUTATION_CASE") is { Length: > 0 } c ? int.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        int seed = ValuesMutator.CountFromEnvironment("IDPDYN_MUTATION_SEED", Seed);
        var mutator = new ValuesMutator(Corpus(), seed);

        // Warm up (JIT, schema loading) on the unmutated corpus so the first case's time bound is fair.
        foreach (var (name, text) in Corpus())
        {
            var (path, ns) = Location(name);
            ValuesValidator.Validate(Encoding.UTF8.GetBytes(text), new ValuesFileSettings(path, ns, "2.1.11"));
        }

        var failures = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int withErrors = 0, clean = 0, hangs = 0;
        TimeSpan slowest = TimeSpan.Zero;
        int slowestCase = -1;
        var total = Stopwatch.StartNew();
        foreach (int i in only is { } one ? new[] { one } : Enumerable.Range(0, count))
        {
            var mutant = mutator.Create(i);
            var (path, ns) = Location(mutant.Origin);
            var (diagnostics, elapsed, problem) = Run(mutant.Bytes, path, ns);
            if (elapsed > slowest)
            {
                slowest = elapsed;
                slowestCase = i;
            }

            problem ??= Problem(diagnostics!, mutant.Bytes, elapsed);
            if (problem is not null)
            {
                failures.Add($"{mutant.Describe()}\n  {problem}\n  input:\n{mutant.Escaped()}\n");
                if (problem.StartsWith("HANG", StringComparison.Ordinal) && ++hangs >= MaxHangs)
                {
                    failures.Add($"stopped after {hangs} hangs (case {i} of {count}): a hanging validator would otherwise keep the build lock for hours");
                    break;
                }

                continue;
            }

            foreach (var id in diagnostics!.Select(d => d.Id).Distinct())
            {
                ids[id] = ids.GetValueOrDefault(id) + 1;
            }

            if (diagnostics!.Any(d => d.Severity == Severity.Error))
            {
                withErrors++;
            }
            else if (diagnostics!.Count == 0)
            {
                clean++;
            }
        }

        total.Stop();
        string summary = $"{(only is null ? count : 1)} mutants (seed {seed}) in {total.Elapsed.TotalSeconds:F1} s; with errors {withErrors}, without any diagnostic {clean}; " +
                         $"slowest case {slowestCase}: {slowest.TotalMilliseconds:F0} ms; failures {failures.Count}\n" +
                         "ids (inputs reporting each): " + string.Join(", ", ids.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}×{p.Value}"));
        _output.WriteLine(summary);
        Console.WriteLine("[MutationTests] " + summary);

        Assert.True(failures.Count == 0, $"{failures.Count} of {count} mutants failed (rerun one with IDPDYN_MUTATION_SEED={seed} IDPDYN_MUTATION_CASE=<case>):\n\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>
    /// Validates on a thread with a 1 MiB stack (the Windows default, as in an MSBuild node), so recursion the test
    /// runner's bigger stack would survive still fails here. A validation that outlives twice the bound is abandoned (the
    /// thread is a background thread) and reported as a hang.
    /// </summary>
    private static (IReadOnlyList<Diagnostic>? Diagnostics, TimeSpan Elapsed, string? Problem) Run(byte[] bytes, string path, string ns)
    {
        IReadOnlyList<Diagnostic>? result = null;
        Exception? thrown = null;
        using var cancellation = new CancellationTokenSource(PerInputBound + PerInputBound);
        var stopwatch = Stopwatch.StartNew();
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = ValuesValidator.Validate(bytes, new ValuesFileSettings(path, ns, "2.1.11"), cancellation.Token).Diagnostics;
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }
            },
            maxStackSize: 1024 * 1024)
        {
            IsBackground = true,
        };
        thread.Start();
        // The token stops a validation that honours it; one that does not is abandoned after one more bound.
        bool finished = thread.Join(PerInputBound + PerInputBound + PerInputBound);
        stopwatch.Stop();
        if (!finished)
        {
            return (null, stopwatch.Elapsed, $"HANG: no result after {stopwatch.Elapsed.TotalSeconds:F1} s (cancellation not honoured; the thread is left running)");
        }

        if (thrown is OperationCanceledException)
        {
            return (null, stopwatch.Elapsed, $"HANG: cancelled after {stopwatch.Elapsed.TotalSeconds:F1} s");
        }

        if (thrown is not null)
        {
            return (null, stopwatch.Elapsed, $"EXCEPTION: {thrown}");
        }

        return (result, stopwatch.Elapsed, null);
    }

    /// <summary>What is wrong with one validation's outcome, or null.</summary>
    private static string? Problem(IReadOnlyList<Diagnostic> diagnostics, byte[] bytes, TimeSpan elapsed)
    {
        if (elapsed > PerInputBound)
        {
            return $"SLOW: {elapsed.TotalMilliseconds:F0} ms (bound {PerInputBound.TotalMilliseconds:F0} ms)";
        }

        if (diagnostics.FirstOrDefault(d => d.Id == DiagnosticIds.InternalError) is { } internalError)
        {
            return "IDPDYN999: " + internalError;
        }

        // An upper bound of the lines a reader can see: LF, CRLF, a lone CR, and YAML 1.1's NEL, LS and PS (UTF-8 C2 85,
        // E2 80 A8, E2 80 A9). UTF-16 input (a mutated BOM) is not counted.
        int lines = 1;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n' || (bytes[i] == (byte)'\r' && (i + 1 >= bytes.Length || bytes[i + 1] != (byte)'\n'))
                || (bytes[i] == 0xC2 && i + 1 < bytes.Length && bytes[i + 1] == 0x85)
                || (bytes[i] == 0xE2 && i + 2 < bytes.Length && bytes[i + 1] == 0x80 && bytes[i + 2] is 0xA8 or 0xA9))
            {
                lines++;
            }
        }

        bool utf16 = bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));

        // For plain UTF-8 text with LF/CRLF line ends only, also the column: inside its line or one past its end (UTF-16
        // code units, as compilers count).
        string[]? textLines = null;
        if (!utf16 && !bytes.Contains((byte)0xC2) && !bytes.Contains((byte)0xE2) && System.Text.Unicode.Utf8.IsValid(bytes))
        {
            string text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
            if (!text.Replace("\r\n", "\n", StringComparison.Ordinal).Contains('\r', StringComparison.Ordinal))
            {
                textLines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            }
        }

        foreach (var d in diagnostics)
        {
            if (textLines is not null && d.Span.Line <= textLines.Length && d.Span.Column > textLines[d.Span.Line - 1].Length + 1)
            {
                return $"POSITION column {d.Span.Column} beyond line {d.Span.Line} ({textLines[d.Span.Line - 1].Length} characters): {d}";
            }

            if (textLines is not null && d.Span.Line > textLines.Length + 1)
            {
                return $"POSITION line {d.Span.Line} beyond the {textLines.Length} lines of the text: {d}";
            }

            if (d.Span.Line < 1 || d.Span.Column < 1)
            {
                return $"POSITION not 1-based: {d}";
            }

            if (d.Span.EndLine < d.Span.Line || (d.Span.EndLine == d.Span.Line && d.Span.EndColumn < d.Span.Column))
            {
                return $"SPAN ends before it starts ({d.Span.Line},{d.Span.Column})-({d.Span.EndLine},{d.Span.EndColumn}): {d}";
            }

            if (!utf16 && d.Span.Line > lines + 1)
            {
                return $"POSITION line {d.Span.Line} beyond the {lines} lines of the input: {d}";
            }

            if (string.IsNullOrWhiteSpace(d.Message))
            {
                return $"EMPTY message: {d.Id} at {d.Span}";
            }
        }

        return null;
    }
}
