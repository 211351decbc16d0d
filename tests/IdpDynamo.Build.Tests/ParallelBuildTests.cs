using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using IdpDynamo.Build.Tests.Infrastructure;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// Four projects of one solution reference the same values files and build with <c>-m:4</c>, many times in a row: every
/// build that validates reports each diagnostic exactly once per project, a no-op build reports none and leaves the
/// stamps alone, a failed validation never leaves a stamp that would let the next build skip it, and
/// <c>--no-incremental</c> validates everything again.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ParallelBuildTests
{
    private const int Projects = 4;

    /// <summary>Builds in a row; every second one follows a rewrite of the values files (all four projects re-validate).</summary>
    private const int Builds = 20;

    private static readonly UTF8Encoding Utf8NoBom = new(false);
    private static readonly Regex DiagnosticLine = new(@"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\): (?<severity>warning|error) (?<id>IDPDYN\d{3}): .* \[(?<project>[^\]]+\.csproj)\]$", RegexOptions.Compiled);

    private readonly string _root;
    private readonly string _version;
    private readonly Dictionary<string, string> _environment = new() { ["NUGET_PACKAGES"] = PackageFixture.PackagesFolder };

    public ParallelBuildTests(PackageFixture package)
    {
        // Below the sample's folder, so its NuGet.config (the test feed) and Directory.* files apply.
        _root = Path.Combine(package.Sample.Root, "parallel");
        _version = package.Version;
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        Directory.CreateDirectory(_root);
    }

    private string TestValues => Path.Combine(_root, "apps", "webshop-test", "orders", "dynamodb", "values.yaml");

    private string ProdValues => Path.Combine(_root, "apps", "webshop-prod", "orders", "dynamodb", "values.yaml");

    private string ProjectFile(int n) => Path.Combine(_root, $"Service{n}", $"Service{n}.csproj");

    private string Stamp(int n) => Path.Combine(_root, $"Service{n}", "obj", "Debug", "net10.0", "IdpDynamo.validated.stamp");

    /// <summary>The sample's values file of <paramref name="ns"/> (one info, IDPDYN058, which is not a warning or an error).</summary>
    private static string Sample(string ns) => SampleProject.OriginalValues(ns);

    /// <summary>The sample without managementPolicies: one warning, IDPDYN100, at the 'tables' key (line 5, column 1).</summary>
    private static string OneWarning(string ns) => Replace(Sample(ns), "managementPolicies: Control", "# managementPolicies: Control");

    /// <summary>managementPolicies 'Contro1': one error, IDPDYN010, at the value (line 2, column 21).</summary>
    private static string OneError(string ns) => Replace(Sample(ns), "managementPolicies: Control", "managementPolicies: Contro1");

    private static string Replace(string text, string oldText, string newText)
    {
        Assert.True(text.Split(oldText).Length == 2, $"'{oldText}' must occur exactly once in the sample");
        return text.Replace(oldText, newText, StringComparison.Ordinal);
    }

    /// <summary>Both values files (and, once, the sample's application.yaml beside each, which pins the chart version).</summary>
    private void WriteValues(string test, string prod)
    {
        Write(TestValues, test);
        Write(ProdValues, prod);
        foreach (var (ns, values) in new[] { ("webshop-test", TestValues), ("webshop-prod", ProdValues) })
        {
            string application = Path.Combine(Path.GetDirectoryName(values)!, "application.yaml");
            if (!File.Exists(application))
            {
                File.Copy(Path.Combine(RepositoryPaths.Samples, "apps", ns, "orders", "dynamodb", "application.yaml"), application);
            }
        }
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8NoBom);
    }

    private void WriteSolution()
    {
        var projects = new StringBuilder();
        for (int n = 1; n <= Projects; n++)
        {
            Write(ProjectFile(n),
                $$"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="IdpDynamo.Build" Version="{{_version}}" PrivateAssets="all" />
                  </ItemGroup>
                  <ItemGroup>
                    <IdpDynamoValues Include="../apps/webshop-*/orders/dynamodb/values.yaml" />
                  </ItemGroup>
                </Project>

                """);
            Write(Path.Combine(_root, $"Service{n}", "Tables.cs"), $"namespace Service{n};\n\npublic static class Names\n{{\n    public static string Orders => DynamoTables.CustomerOrders.Name;\n}}\n");
            projects.Append($"  <Project Path=\"Service{n}/Service{n}.csproj\" />\n");
        }

        Write(Path.Combine(_root, "Services.slnx"), "<Solution>\n" + projects + "</Solution>\n");
    }

    private DotnetResult Build(params string[] extra)
        => DotnetCli.Run(_root, _environment,
            new[] { "build", Path.Combine(_root, "Services.slnx"), "-m:4", "-nologo", "-v:m", "-clp:NoSummary", "-nodeReuse:false", "-tl:off" }.Concat(extra).ToArray());

    /// <summary>
    /// Every IdpDynamo diagnostic line of a build: (file, line, column, severity, id, project). The console logger's
    /// closing summary (after "Build succeeded." or "Build FAILED.") repeats warnings and errors; it is left out.
    /// </summary>
    private static List<(string File, int Line, int Column, string Severity, string Id, string Project)> Diagnostics(DotnetResult build)
        => build.Output.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .TakeWhile(l => l.Trim() is not ("Build succeeded." or "Build FAILED."))
            .Select(l => DiagnosticLine.Match(l))
            .Where(m => m.Success)
            .Select(m => (m.Groups["file"].Value.Trim(), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["severity"].Value, m.Groups["id"].Value, m.Groups["project"].Value))
            .ToList();

    /// <summary>The same diagnostic once for each of the four projects.</summary>
    private List<(string File, int Line, int Column, string Severity, string Id, string Project)> OncePerProject(string file, int line, int column, string severity, string id)
        => Enumerable.Range(1, Projects).Select(n => (file, line, column, severity, id, ProjectFile(n))).ToList();

    private static void Same<T>(IEnumerable<T> expected, IEnumerable<T> actual, DotnetResult build)
        => Assert.True(expected.OrderBy(x => x).SequenceEqual(actual.OrderBy(x => x)),
            $"expected:\n  {string.Join("\n  ", expected.OrderBy(x => x))}\nactual:\n  {string.Join("\n  ", actual.OrderBy(x => x))}\n{build}");

    private DateTime[] Stamps() => Enumerable.Range(1, Projects).Select(n => File.Exists(Stamp(n)) ? File.GetLastWriteTimeUtc(Stamp(n)) : DateTime.MinValue).ToArray();

    [Fact]
    public void Four_projects_on_the_same_values_files_build_in_parallel_twenty_times_with_every_diagnostic_once_per_project()
    {
        WriteSolution();
        WriteValues(OneWarning("webshop-test"), Sample("webshop-prod"));
        var warning = OncePerProject(TestValues, 5, 1, "warning", "IDPDYN100");
        var error = OncePerProject(TestValues, 2, 21, "error", "IDPDYN010");

        var restore = DotnetCli.Run(_root, _environment, "restore", Path.Combine(_root, "Services.slnx"), "-nologo", "-v:q", "-nodeReuse:false");
        Assert.True(restore.ExitCode == 0, restore.ToString());

        for (int i = 0; i < Builds; i++)
        {
            bool broken = i == Builds / 2;
            bool rewrite = i % 2 == 0 || i == Builds / 2 + 1;
            if (rewrite)
            {
                // Rewritten (same text or not): every project's stamp is now older than its inputs.
                WriteValues(broken ? OneError("webshop-test") : OneWarning("webshop-test"), Sample("webshop-prod"));
            }

            var before = Stamps();
            var build = Build("--no-restore");
            var after = Stamps();
            DateTime values = File.GetLastWriteTimeUtc(TestValues);

            if (broken)
            {
                Assert.True(build.ExitCode != 0, $"build {i}: expected the broken values to fail the build\n{build}");
                Same(error, Diagnostics(build), build);

                // No project may be left with a stamp newer than the broken file: the next build must validate again.
                Assert.All(after, stamp => Assert.True(stamp < values, $"build {i}: a stamp is newer than the values file after a failed validation\n{build}"));
            }
            else if (rewrite)
            {
                Assert.True(build.ExitCode == 0, $"build {i}\n{build}");
                Same(warning, Diagnostics(build), build);
                Assert.All(after, stamp => Assert.True(stamp >= values, $"build {i}: a stamp is older than the values file after validating it\n{build}"));
            }
            else
            {
                // Nothing changed: no project validates again, no stamp is rewritten.
                Assert.True(build.ExitCode == 0, $"build {i}\n{build}");
                Same(Array.Empty<(string, int, int, string, string, string)>(), Diagnostics(build), build);
                Assert.Equal(before, after);
            }
        }

        var full = Build("--no-restore", "--no-incremental");
        Assert.True(full.ExitCode == 0, full.ToString());
        Same(warning, Diagnostics(full), full);
        var rebuilt = Stamps();
        Assert.All(rebuilt, stamp => Assert.True(stamp >= File.GetLastWriteTimeUtc(TestValues), full.ToString()));
    }
}
