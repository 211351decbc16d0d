using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using IdpDynamo.Build.Tests.Infrastructure;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// Which of the package's three task assets a real `dotnet build` of the sample loads, read from MSBuild's own
/// "Using task ... from assembly" line (detailed verbosity): net10.0 for the .NET MSBuild of the SDK these tests run
/// on (MSBuild 18, the .NET 10 SDK), and each other asset, chosen with IdpDynamoTasksFramework, validating the same.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class TaskAssetEndToEndTests
{
    private const string Summary = "IdpDynamo.Build: validated 2 values files with 2 tables in 2 namespaces: 0 errors, 0 warnings, 2 infos";

    private static readonly Regex UsingTask = new("Using \"IdpDynamo\\.Build\\.Tasks\\.ValidateDynamoValues\" task from assembly \"([^\"]+)\"");

    private readonly PackageFixture _package;

    public TaskAssetEndToEndTests(PackageFixture package)
    {
        _package = package;
        _package.Sample.Reset(); // rewrites the values files, so every build below runs the task
    }

    /// <summary>Where the restored package's asset of a framework is (NuGet lower-cases id and version folders).</summary>
    private string Asset(string framework)
        => Path.Combine(PackageFixture.PackagesFolder, "idpdynamo.build", _package.Version.ToLowerInvariant(), "tasks", framework, "IdpDynamo.Build.Tasks.dll");

    private static string LoadedAssembly(DotnetResult build)
    {
        Assert.True(build.ExitCode == 0, "expected the build to succeed\n" + build);
        Assert.True(build.Output.Split('\n').Any(l => l.Trim() == Summary), $"expected the summary line\n  {Summary}\n{build}");
        var loaded = UsingTask.Matches(build.Output).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(loaded.Count == 1, $"expected one task assembly, found {loaded.Count}\n{build}");
        return loaded[0];
    }

    [Fact]
    public void Dotnet_build_loads_the_net10_0_asset()
        => Assert.Equal(Asset("net10.0"), LoadedAssembly(_package.Sample.Build("d")));

    [Theory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void Every_other_asset_validates_the_same_when_chosen(string framework)
        => Assert.Equal(Asset(framework), LoadedAssembly(_package.Sample.Build("d", "-p:IdpDynamoTasksFramework=" + framework)));

    [Fact]
    public void Task_host_runs_the_net10_0_asset()
        => Assert.Equal(Asset("net10.0"), LoadedAssembly(_package.Sample.Build("d", "-p:IdpDynamoUseTaskHost=true")));

    [Fact]
    public void IdpDynamoTasksAssembly_overrides_the_choice()
    {
        // The netstandard2.0 asset unpacked outside the package, as a repository dogfooding its own build points at its own.
        string copy = Path.Combine(_package.Root, "dogfood-tasks");
        Directory.CreateDirectory(copy);
        using (var zip = ZipFile.OpenRead(_package.Nupkg))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("tasks/netstandard2.0/", StringComparison.Ordinal)))
            {
                entry.ExtractToFile(Path.Combine(copy, entry.Name), overwrite: true);
            }
        }

        string assembly = Path.Combine(copy, "IdpDynamo.Build.Tasks.dll");
        Assert.Equal(assembly, LoadedAssembly(_package.Sample.Build("d", "-p:IdpDynamoTasksAssembly=" + assembly)));
    }
}
