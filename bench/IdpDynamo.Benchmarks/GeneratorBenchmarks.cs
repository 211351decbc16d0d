using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace IdpDynamo.Benchmarks;

/// <summary>
/// (d) The accessor generator on 100 and 1,000 tables: a full run (new driver: parse the YAML, merge, emit), a run
/// after an unrelated C# edit (the driver's previous state; the YAML steps must come from the cache) and a run after a
/// comment is added to the YAML (the file is parsed again, the output is not regenerated). The proof that a .cs edit
/// does no YAML work is printed by <see cref="GeneratorCachingProof"/> (step run reasons).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private Compilation _compilation = null!;
    private AdditionalText _values = null!;
    private GeneratorDriver _warm = null!;
    private readonly List<Compilation> _edits = new();
    private readonly List<AdditionalText> _commented = new();
    private int _next;

    [Params(100, 1000)]
    public int Tables { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = GeneratorHost.CreateCompilation();
        _values = GeneratorHost.ValuesText(ValuesFileGenerator.Generate(Tables));
        _warm = GeneratorHost.CreateDriver(_values, trackSteps: false).RunGenerators(_compilation);
        GeneratorHost.Check(_warm, Tables);
        string yaml = ValuesFileGenerator.Generate(Tables);
        for (int i = 0; i < 64; i++)
        {
            _edits.Add(GeneratorHost.EditService(_compilation, i));
            _commented.Add(GeneratorHost.ValuesText(yaml + $"\n# reviewed {i}\n"));
        }
    }

    /// <summary>A generator run from scratch: what a fresh compiler process (command-line build) does.</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => GeneratorHost.CreateDriver(_values, trackSteps: false).RunGenerators(_compilation);

    /// <summary>A run after a C# edit on a warm driver (what the IDE and the compiler server do on every keystroke/build).</summary>
    [Benchmark]
    public GeneratorDriver AfterCSharpEdit() => _warm.RunGenerators(_edits[_next++ % _edits.Count]);

    /// <summary>A run after a comment was added to the values file (warm driver): one parse, no new output.</summary>
    [Benchmark]
    public GeneratorDriver AfterYamlCommentEdit() => _warm.ReplaceAdditionalText(_values, _commented[_next++ % _commented.Count]).RunGenerators(_compilation);
}
