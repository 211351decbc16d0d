using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace IdpDynamo.Benchmarks;

/// <summary>
/// (d) The proof that an unrelated .cs edit does no YAML work: the generator runs once on a values file, then again on a
/// compilation whose Service.cs was edited; every tracked step prints its run reasons. ParseValuesFile and MergeSchema
/// must be Cached (their inputs did not change, so the YAML was neither read nor parsed), and the output Cached.
/// Returns false when that does not hold.
/// </summary>
public static class GeneratorCachingProof
{
    private static readonly string[] Steps = { "ParseValuesFile", "ReadOptions", "DetectSdk", "MergeSchema" };

    public static bool Run(TextWriter output, int tables)
    {
        var compilation = GeneratorHost.CreateCompilation();
        var values = GeneratorHost.ValuesText(ValuesFileGenerator.Generate(tables));
        var driver = GeneratorHost.CreateDriver(values, trackSteps: true).RunGenerators(compilation);
        var first = GeneratorHost.Check(driver, tables);
        output.WriteLine($"Generator caching on {tables.ToString(CultureInfo.InvariantCulture)} tables");
        Print(output, "run 1 (new driver)", first);

        var edited = GeneratorHost.EditService(compilation, 0);
        driver = driver.RunGenerators(edited);
        var second = GeneratorHost.Check(driver, tables);
        Print(output, "run 2 (Service.cs edited: 'Answer => 42' -> 'Answer => 43')", second);

        bool ok = Reasons(second, "ParseValuesFile").All(r => r == IncrementalStepRunReason.Cached)
            && Reasons(second, "MergeSchema").All(r => r == IncrementalStepRunReason.Cached)
            && Reasons(second, "ParseValuesFile").Count > 0
            && second.GeneratedSources[0].SourceText.ContentEquals(first.GeneratedSources[0].SourceText);
        output.WriteLine(ok
            ? "PASS: after a .cs edit ParseValuesFile and MergeSchema are Cached: the YAML was not read or parsed again, the output is identical."
            : "FAIL: a .cs edit re-ran a YAML step.");
        return ok;
    }

    private static void Print(TextWriter output, string title, GeneratorRunResult result)
    {
        output.WriteLine($"  {title}:");
        foreach (string step in Steps)
        {
            output.WriteLine($"    {step,-16} {string.Join(", ", Reasons(result, step))}");
        }

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        output.WriteLine($"    {"(source output)",-16} {string.Join(", ", outputs)}");
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step)
        => result.TrackedSteps.TryGetValue(step, out var runs)
            ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList()
            : new List<IncrementalStepRunReason>();
}
