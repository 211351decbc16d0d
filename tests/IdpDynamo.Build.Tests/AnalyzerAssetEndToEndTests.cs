using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using IdpDynamo.Build.Tests.Infrastructure;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// Which copy of the analyzers the sample's compiler is given, read from the Analyzer items MSBuild hands to Csc
/// (<c>-getItem:Analyzer</c> after the package's swap target): on this linux-x64 machine with the .NET 10 SDK a
/// command-line build takes the precompiled copy (readytorun/linux-x64/, YamlDotNet beside it), a design-time build and
/// <c>IdpDynamoPrecompiledAnalyzers=false</c> the IL of analyzers/dotnet/roslyn4.14/cs/. Every other end-to-end test
/// builds with the precompiled copy and asserts its diagnostics; the analyzer tests run the IL in process.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class AnalyzerAssetEndToEndTests
{
    private readonly PackageFixture _package;

    public AnalyzerAssetEndToEndTests(PackageFixture package) => _package = package;

    private string PackageFolder(params string[] parts)
        => Path.Combine(new[] { PackageFixture.PackagesFolder, "idpdynamo.build", _package.Version.ToLowerInvariant() }.Concat(parts).ToArray());

    /// <summary>The package's Analyzer items of a build with <paramref name="properties"/>, as full paths.</summary>
    private string[] OurAnalyzers(params string[] properties)
    {
        var result = _package.Sample.Build("q", new[] { "-t:ResolveLockFileAnalyzers;IdpDynamoUsePrecompiledAnalyzers", "-getItem:Analyzer" }.Concat(properties).ToArray());
        Assert.True(result.ExitCode == 0, "expected the item query to succeed\n" + result);
        string json = result.Output[result.Output.IndexOf('{')..];
        using var document = JsonDocument.Parse(json);
        string root = PackageFolder();
        return document.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!)
            .Where(path => path.StartsWith(root, StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToArray();
    }

    [Fact]
    public void Command_line_build_gives_the_compiler_the_precompiled_analyzers()
        => Assert.Equal(
            new[]
            {
                PackageFolder("analyzers", "dotnet", "roslyn4.14", "cs", "IdpDynamo.CodeFixes.dll"),
                PackageFolder("readytorun", "linux-x64", "IdpDynamo.Analyzers.dll"),
                PackageFolder("readytorun", "linux-x64", "YamlDotNet.dll"),
            },
            OurAnalyzers());

    [Theory]
    [InlineData("-p:DesignTimeBuild=true")]
    [InlineData("-p:IdpDynamoPrecompiledAnalyzers=false")]
    public void Design_time_builds_and_the_switch_keep_the_IL(string property)
        => Assert.Equal(
            new[]
            {
                PackageFolder("analyzers", "dotnet", "roslyn4.14", "cs", "IdpDynamo.Analyzers.dll"),
                PackageFolder("analyzers", "dotnet", "roslyn4.14", "cs", "IdpDynamo.CodeFixes.dll"),
                PackageFolder("analyzers", "dotnet", "roslyn4.14", "cs", "YamlDotNet.dll"),
            },
            OurAnalyzers(property));
}
