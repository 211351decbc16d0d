using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using IdpDynamo.Build.Tests.Infrastructure;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// Live validation as a service gets it from the packed package: a command-line build reports each values-file
/// diagnostic once (by the task); <c>-p:IdpDynamoLiveValidation=true -p:IdpDynamoValidate=false</c> makes the compiler
/// report the same ones instead; <c>-p:DesignTimeBuild=true</c> turns live validation on by default and leaves the
/// generated .editorconfig as a command-line build writes it. (A design-time build of Visual Studio or C# Dev Kit also
/// skips the compiler run; this one runs it, which is how the compiler's diagnostics become visible here.)
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class LiveValidationEndToEndTests
{
    private const string Test = "webshop-test";

    private readonly SampleProject _sample;

    public LiveValidationEndToEndTests(PackageFixture package)
    {
        _sample = package.Sample;
        _sample.Reset();
        foreach (string config in new[] { ".editorconfig", ".globalconfig" }.Select(n => Path.Combine(_sample.Root, n)).Where(File.Exists))
        {
            File.Delete(config);
        }
    }

    /// <summary>The sample's test values file with CustomerOrders' TotalAmount type unquoted: IDPDYN006 on the N.</summary>
    private string BreakTestValues()
    {
        string original = SampleProject.OriginalValues(Test);
        int at = original.IndexOf("type: 'N'", StringComparison.Ordinal);
        Assert.True(at > 0, "the sample's test values file has a Number attribute");
        _sample.WriteValues(Test, original[..at] + "type: N" + original[(at + "type: 'N'".Length)..]);
        int line = original[..at].Count(c => c == '\n') + 1;
        int column = at - original.LastIndexOf('\n', at) + "type: ".Length;
        return $"{_sample.ValuesFile(Test)}({line},{column}): error IDPDYN006: 'N' is read by Helm (YAML 1.1) as boolean false, not the string 'N'; quote it: 'N'";
    }

    /// <summary>The diagnostics as the build reported them, without MSBuild's closing repetition after "Build FAILED." / "Build succeeded.".</summary>
    private static string[] Reported(DotnetResult build, string id)
    {
        string output = build.Output;
        int failed = output.IndexOf("Build FAILED.", StringComparison.Ordinal);
        int succeeded = output.IndexOf("Build succeeded.", StringComparison.Ordinal);
        int summary = failed >= 0 ? failed : succeeded;
        return (summary >= 0 ? output[..summary] : output).Split('\n').Where(l => l.Contains(": error " + id + ":", StringComparison.Ordinal) || l.Contains(": warning " + id + ":", StringComparison.Ordinal)).ToArray();
    }

    private static void ReportedOnce(string expected, DotnetResult build, string id)
    {
        var lines = Reported(build, id);
        Assert.True(lines.Length == 1 && lines[0].StartsWith(expected, StringComparison.Ordinal), $"expected exactly one\n  {expected}\n{build}");
    }

    [Fact]
    public void Command_line_build_reports_each_values_file_diagnostic_once_by_the_task()
    {
        string expected = BreakTestValues();

        var build = _sample.Build("m");

        Assert.NotEqual(0, build.ExitCode);
        ReportedOnce(expected, build, "IDPDYN006");
        Assert.Contains("IdpDynamo.Build: validated 2 values files", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_validation_on_and_the_task_off_makes_the_compiler_report_them()
    {
        string expected = BreakTestValues();

        var build = _sample.Build("m", "-p:IdpDynamoLiveValidation=true", "-p:IdpDynamoValidate=false");

        Assert.NotEqual(0, build.ExitCode);
        ReportedOnce(expected, build, "IDPDYN006");
        Assert.DoesNotContain("IdpDynamo.Build: validated", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Design_time_build_validates_live_and_keeps_the_generated_editorconfig()
    {
        string expected = BreakTestValues();
        string editorconfig = Path.Combine(_sample.ProjectDirectory, "obj", "Debug", "net10.0", "Webshop.Orders.GeneratedMSBuildEditorConfig.editorconfig");

        var designTime = _sample.Build("m", "-p:DesignTimeBuild=true");
        ReportedOnce(expected, designTime, "IDPDYN006");
        Assert.DoesNotContain("IdpDynamo.Build: validated", designTime.Output, StringComparison.Ordinal);
        string afterDesignTime = File.ReadAllText(editorconfig);

        var build = _sample.Build("m");
        ReportedOnce(expected, build, "IDPDYN006");
        Assert.Contains("IdpDynamo.Build: validated", build.Output, StringComparison.Ordinal);
        Assert.Equal(afterDesignTime, File.ReadAllText(editorconfig));
    }

    [Fact]
    public void Globalconfig_severity_applies_to_the_compiler_path_and_editorconfig_sections_do_not()
    {
        BreakTestValues();

        // A section of an .editorconfig configures diagnostics in files below it that are source files; the compiler
        // does not apply it to AdditionalFiles (dotnet/roslyn#31916).
        File.WriteAllText(Path.Combine(_sample.Root, ".editorconfig"), "root = true\n\n[*.yaml]\ndotnet_diagnostic.IDPDYN006.severity = none\n");
        var section = _sample.Build("m", "-p:IdpDynamoLiveValidation=true", "-p:IdpDynamoValidate=false");
        Assert.True(Reported(section, "IDPDYN006").Length == 1, section.ToString());

        // A global analyzer config does (and warning turns the error into a warning).
        File.Delete(Path.Combine(_sample.Root, ".editorconfig"));
        File.WriteAllText(Path.Combine(_sample.Root, ".globalconfig"), "is_global = true\ndotnet_diagnostic.IDPDYN006.severity = warning\n");
        var global = _sample.Build("m", "-p:IdpDynamoLiveValidation=true", "-p:IdpDynamoValidate=false");
        Assert.True(global.ExitCode == 0, global.ToString());
        var lines = Reported(global, "IDPDYN006");
        Assert.True(lines.Length == 1 && lines[0].Contains(": warning IDPDYN006:", StringComparison.Ordinal), global.ToString());

        // The task does not read analyzer configs: it still reports the error.
        var task = _sample.Build("m");
        Assert.NotEqual(0, task.ExitCode);
        Assert.Contains(": error IDPDYN006:", Assert.Single(Reported(task, "IDPDYN006")), StringComparison.Ordinal);
        File.Delete(Path.Combine(_sample.Root, ".globalconfig"));
    }
}
