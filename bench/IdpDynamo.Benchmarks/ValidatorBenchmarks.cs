using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using IdpDynamo.Schema;
using IdpDynamo.Schema.Validation;

namespace IdpDynamo.Benchmarks;

/// <summary>
/// (a) The validator core on generated values files of 1 to 10,000 tables: bytes in, every rule out
/// (<see cref="ValuesValidator.Validate"/>, the pure entry point the CLI and the MSBuild task call after reading the
/// file). Time and allocations per file; <see cref="Program"/> prints the cost per table afterwards.
/// </summary>
[MemoryDiagnoser]
public class ValidatorBenchmarks
{
    private byte[] _content = Array.Empty<byte>();
    private ValuesFileSettings _settings = null!;

    [Params(1, 10, 100, 1000, 10000)]
    public int Tables { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _content = ValuesFileGenerator.GenerateUtf8(Tables);
        _settings = new ValuesFileSettings(ValuesFileGenerator.RelativePath, ValuesFileGenerator.Namespace, ValuesFileGenerator.ChartVersion);

        // The benchmark is only meaningful on a clean file: every rule runs to the end.
        var result = ValuesValidator.Validate(_content, _settings);
        var problems = result.Diagnostics.Where(d => d.Severity != Severity.Info).ToList();
        if (result.Model is null || result.Model.Tables.Count != Tables || problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The generated {Tables}-table file does not validate clean ({result.Model?.Tables.Count} tables read):\n"
                + string.Join("\n", problems.Take(20).Select(d => $"{d.Span.Line}:{d.Span.Column} {d.Id} {d.Message}")));
        }
    }

    [Benchmark]
    public int Validate() => ValuesValidator.Validate(_content, _settings).Diagnostics.Count;
}
