using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace IdpDynamo.Build.Tests.Infrastructure;

/// <summary>
/// A second service project next to the copied sample (same folder, so the same NuGet.config, Directory.* files and
/// <c>apps/</c> values files): PackageReference IdpDynamo.Build (the version just packed) and AWSSDK.DynamoDBv2, IdpDynamoValues
/// <c>../apps/webshop-*/orders/dynamodb/values.yaml</c>, and the C# files a test gives it.
/// </summary>
internal sealed class ConsumerProject
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public ConsumerProject(SampleProject sample, string name, IReadOnlyDictionary<string, string> sources)
    {
        ProjectDirectory = Path.Combine(sample.Root, name);
        if (Directory.Exists(ProjectDirectory))
        {
            Directory.Delete(ProjectDirectory, recursive: true);
        }

        Directory.CreateDirectory(ProjectDirectory);
        ProjectFile = Path.Combine(ProjectDirectory, name + ".csproj");
        File.WriteAllText(ProjectFile,
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>{name}</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="IdpDynamo.Build" Version="$(IdpDynamoBuildVersion)" PrivateAssets="all" />
                <PackageReference Include="AWSSDK.DynamoDBv2" Version="[4.0.110]" />
              </ItemGroup>
              <ItemGroup>
                <IdpDynamoValues Include="../apps/webshop-*/orders/dynamodb/values.yaml" />
              </ItemGroup>
            </Project>

            """, Utf8NoBom);
        foreach (var (file, text) in sources)
        {
            File.WriteAllText(SourceFile(file), text, Utf8NoBom);
        }
    }

    public string ProjectDirectory { get; }

    public string ProjectFile { get; }

    /// <summary>Full path of one of the project's C# files.</summary>
    public string SourceFile(string name) => Path.Combine(ProjectDirectory, name);

    /// <summary>Where <c>-p:EmitCompilerGeneratedFiles=true</c> puts the generator's output in a Debug build.</summary>
    public string GeneratedFile(string hintName)
        => Path.Combine(ProjectDirectory, "obj", "Debug", "net10.0", "generated",
            "IdpDynamo.Analyzers", "IdpDynamo.Analyzers.Generation.DynamoAccessorsGenerator", hintName);

    /// <summary><c>dotnet build</c> (minimal verbosity, every diagnostic once) with the isolated package cache.</summary>
    public DotnetResult Build(params string[] extra)
        => DotnetCli.Run(ProjectDirectory, new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackageFixture.PackagesFolder },
            new[] { "build", ProjectFile, "-nologo", "-v:m", "-clp:NoSummary", "-nodeReuse:false", "-tl:off" }.Concat(extra).ToArray());
}
