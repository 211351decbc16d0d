using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using IdpDynamo.Build.Tests.Infrastructure;
using IdpDynamo.Tests;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// The packed IdpDynamo.Build.nupkg, opened as the zip it is: exactly the expected files, a development dependency,
/// no MSBuild / Roslyn / System assembly, the repository's own build files, and the three task assets.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests
{
    /// <summary>
    /// The package payload, exactly: THE place to edit when the package gains or loses a file (one line each, e.g. the
    /// code fixes: <c>"analyzers/dotnet/roslyn4.14/cs/IdpDynamo.CodeFixes.dll",</c>).
    /// </summary>
    internal static readonly string[] Payload =
    {
        "README.md",
        "analyzers/dotnet/roslyn4.8/cs/IdpDynamo.Analyzers.dll",
        "analyzers/dotnet/roslyn4.8/cs/YamlDotNet.dll",
        "analyzers/dotnet/roslyn4.14/cs/IdpDynamo.Analyzers.dll",
        "analyzers/dotnet/roslyn4.14/cs/IdpDynamo.CodeFixes.dll",
        "analyzers/dotnet/roslyn4.14/cs/YamlDotNet.dll",
        "build/IdpDynamo.Build.props",
        "build/IdpDynamo.Build.targets",
        "buildTransitive/IdpDynamo.Build.props",
        "buildTransitive/IdpDynamo.Build.targets",
        "readytorun/linux-x64/IdpDynamo.Analyzers.dll",
        "readytorun/linux-x64/YamlDotNet.dll",
        "tasks/net10.0/IdpDynamo.Build.Tasks.dll",
        "tasks/net10.0/YamlDotNet.dll",
        "tasks/net8.0/IdpDynamo.Build.Tasks.dll",
        "tasks/net8.0/YamlDotNet.dll",
        "tasks/netstandard2.0/IdpDynamo.Build.Tasks.dll",
        "tasks/netstandard2.0/YamlDotNet.dll",
    };

    /// <summary>
    /// The PE machine of ReadyToRun code for linux-x64: x64 (0x8664) combined with the runtime's marker for Linux
    /// (0x7B79), so no other OS takes it for its own native code.
    /// </summary>
    private const Machine LinuxX64ReadyToRun = (Machine)(0x8664 ^ 0x7B79);

    /// <summary>What NuGet itself adds to every package (the .psmdcp file name varies, hence the pattern).</summary>
    private static readonly string[] Plumbing =
    {
        "IdpDynamo.Build.nuspec",
        "[Content_Types].xml",
        "_rels/.rels",
        "package/services/metadata/core-properties/*.psmdcp",
    };

    /// <summary>Assemblies the host (MSBuild, the compiler, the runtime) provides; shipping one breaks loading.</summary>
    private static readonly string[] HostAssemblyPrefixes = { "Microsoft.Build", "Microsoft.CodeAnalysis", "Microsoft.NET.StringTools", "System." };

    private const string PsmdcpFolder = "package/services/metadata/core-properties/";

    private readonly PackageFixture _package;

    public PackageLayoutTests(PackageFixture package) => _package = package;

    private List<string> Entries()
    {
        using var zip = ZipFile.OpenRead(_package.Nupkg);
        return zip.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName).ToList();
    }

    private byte[] Read(string entryName)
    {
        using var zip = ZipFile.OpenRead(_package.Nupkg);
        var entry = zip.GetEntry(entryName) ?? throw new FileNotFoundException($"{entryName} is not in {_package.Nupkg}");
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    [Fact]
    public void Package_is_named_after_id_and_version()
        => Assert.Equal($"IdpDynamo.Build.{_package.Version}.nupkg", Path.GetFileName(_package.Nupkg));

    /// <summary>
    /// The version comes from git: a commit with a vX.Y.Z tag and no changes packs as X.Y.Z; any other build as a
    /// pre-release naming the commit (with .dirty for uncommitted changes), so no two commits share a version.
    /// </summary>
    [Fact]
    public void Package_version_names_the_commit_unless_it_is_a_tagged_release()
    {
        string root = RepositoryPaths.Root;
        string commit = TestProcesses.Git(root, "rev-parse", "--short=10", "HEAD").Trim();
        bool dirty = TestProcesses.Git(root, "status", "--porcelain", "--untracked-files=no").Trim().Length > 0;
        string tags = TestProcesses.Git(root, "tag", "--points-at", "HEAD", "--list", "v*").Trim();
        if (tags.Length > 0 && !dirty)
        {
            Assert.Contains("v" + _package.Version, tags.Split('\n'));
        }
        else
        {
            Assert.Matches(@"^\d+\.\d+\.\d+-[0-9A-Za-z.-]*\bg" + commit + (dirty ? @"\.dirty$" : "$"), _package.Version);
        }
    }

    [Fact]
    public void Package_holds_exactly_the_expected_files()
    {
        var actual = Entries()
            .Select(e => e.StartsWith(PsmdcpFolder, StringComparison.Ordinal) && e.EndsWith(".psmdcp", StringComparison.Ordinal) ? PsmdcpFolder + "*.psmdcp" : e)
            .OrderBy(e => e, StringComparer.Ordinal);
        var expected = Payload.Concat(Plumbing).OrderBy(e => e, StringComparer.Ordinal);

        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));
    }

    [Fact]
    public void Nuspec_declares_a_development_dependency_without_dependencies()
    {
        using var stream = new MemoryStream(Read("IdpDynamo.Build.nuspec"));
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        Assert.Equal("IdpDynamo.Build", metadata.Elements().Single(e => e.Name.LocalName == "id").Value);
        Assert.Equal("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.Equal("README.md", metadata.Elements().Single(e => e.Name.LocalName == "readme").Value);
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void No_MSBuild_Roslyn_or_System_assembly_ships()
    {
        var dlls = Entries().Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.NotEmpty(dlls);
        Assert.All(dlls, dll => Assert.DoesNotContain(HostAssemblyPrefixes, prefix => Path.GetFileName(dll).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Build_files_are_the_repository_build_folder()
    {
        foreach (string name in new[] { "IdpDynamo.Build.props", "IdpDynamo.Build.targets" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "build", name)), Read("build/" + name));
            Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "nuget", "buildTransitive", name)), Read("buildTransitive/" + name));
        }
    }

    [Fact]
    public void Task_assembly_is_netstandard2_0()
    {
        using var task = new PEReader(new MemoryStream(Read("tasks/netstandard2.0/IdpDynamo.Build.Tasks.dll")));
        var metadata = task.GetMetadataReader();

        Assert.Contains(metadata.TypeDefinitions.Select(metadata.GetTypeDefinition),
            t => metadata.GetString(t.Namespace) == "IdpDynamo.Build.Tasks" && metadata.GetString(t.Name) == "ValidateDynamoValues");
        Assert.Contains(".NETStandard,Version=v2.0", TargetFramework(metadata), StringComparison.Ordinal);
    }

    /// <summary>
    /// The .NET MSBuild's assets: the task built for its framework, precompiled (a ReadyToRun header, linux-x64 native
    /// code) and still carrying its IL, which any other RID JIT-compiles; YamlDotNet beside it plain IL (the task runs
    /// none of its code). The netstandard2.0 asset stays plain IL (every machine, Visual Studio's .NET Framework MSBuild).
    /// </summary>
    [Theory]
    [InlineData("net8.0", ".NETCoreApp,Version=v8.0")]
    [InlineData("net10.0", ".NETCoreApp,Version=v10.0")]
    public void Dotnet_task_assets_are_ReadyToRun_for_linux_x64_and_keep_their_IL(string folder, string framework)
    {
        using var task = new PEReader(new MemoryStream(Read($"tasks/{folder}/IdpDynamo.Build.Tasks.dll")));
        var metadata = task.GetMetadataReader();
        Assert.Contains(framework, TargetFramework(metadata), StringComparison.Ordinal);
        Assert.Equal(LinuxX64ReadyToRun, task.PEHeaders.CoffHeader.Machine);
        Assert.NotEqual(0, task.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);

        using var yaml = new PEReader(new MemoryStream(Read($"tasks/{folder}/YamlDotNet.dll")));
        Assert.Equal(Machine.I386, yaml.PEHeaders.CoffHeader.Machine);
        Assert.Equal(0, yaml.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);

        var execute = metadata.MethodDefinitions.Select(metadata.GetMethodDefinition).Single(m =>
            metadata.GetString(m.Name) == "Execute" && metadata.GetString(metadata.GetTypeDefinition(m.GetDeclaringType()).Name) == "ValidateDynamoValues");
        Assert.NotEmpty(task.GetMethodBody(execute.RelativeVirtualAddress).GetILBytes()!);

        using var portable = new PEReader(new MemoryStream(Read("tasks/netstandard2.0/IdpDynamo.Build.Tasks.dll")));
        Assert.Equal(Machine.I386, portable.PEHeaders.CoffHeader.Machine);
        Assert.Equal(0, portable.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
    }

    /// <summary>
    /// The analyzers for the command-line compiler on linux-x64: the assembly of analyzers/dotnet/roslyn4.14/cs/,
    /// precompiled (a ReadyToRun header, linux-x64 native code) and still carrying its IL, with the same metadata (the
    /// same types, the same version); YamlDotNet beside it the same plain IL as in the analyzer folders.
    /// </summary>
    [Fact]
    public void Precompiled_analyzers_are_the_analyzer_assembly_ReadyToRun_for_linux_x64()
    {
        using var precompiled = new PEReader(new MemoryStream(Read("readytorun/linux-x64/IdpDynamo.Analyzers.dll")));
        using var il = new PEReader(new MemoryStream(Read("analyzers/dotnet/roslyn4.14/cs/IdpDynamo.Analyzers.dll")));
        Assert.Equal(LinuxX64ReadyToRun, precompiled.PEHeaders.CoffHeader.Machine);
        Assert.NotEqual(0, precompiled.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
        Assert.Equal(Machine.I386, il.PEHeaders.CoffHeader.Machine);

        var metadata = precompiled.GetMetadataReader();
        var ilMetadata = il.GetMetadataReader();
        Assert.Equal(ilMetadata.GetGuid(ilMetadata.GetModuleDefinition().Mvid), metadata.GetGuid(metadata.GetModuleDefinition().Mvid));
        Assert.Equal(TypeNames(ilMetadata), TypeNames(metadata));
        var initialize = metadata.MethodDefinitions.Select(metadata.GetMethodDefinition).First(m =>
            metadata.GetString(m.Name) == "Initialize" && metadata.GetString(metadata.GetTypeDefinition(m.GetDeclaringType()).Name) == "DynamoRuleSet");
        Assert.NotEmpty(precompiled.GetMethodBody(initialize.RelativeVirtualAddress).GetILBytes()!);

        Assert.Equal(Read("analyzers/dotnet/roslyn4.14/cs/YamlDotNet.dll"), Read("readytorun/linux-x64/YamlDotNet.dll"));

        static string TypeNames(MetadataReader reader) => string.Join("\n", reader.TypeDefinitions.Select(reader.GetTypeDefinition)
            .Select(t => reader.GetString(t.Namespace) + "." + reader.GetString(t.Name)).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_assembly_binds_to_the_YamlDotNet_beside_it()
    {
        // A folder's loader (MSBuild's task load context, the compiler's analyzer loader) resolves YamlDotNet from the
        // same folder: the version our assemblies were compiled against must be the one packed next to them.
        var dlls = Entries().Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();
        var folders = dlls.Where(e => Path.GetFileName(e) == "YamlDotNet.dll").Select(e => e[..^"YamlDotNet.dll".Length]).ToList();
        Assert.NotEmpty(folders);
        foreach (string folder in folders)
        {
            using var yaml = new PEReader(new MemoryStream(Read(folder + "YamlDotNet.dll")));
            var packed = yaml.GetMetadataReader().GetAssemblyDefinition().Version;
            foreach (string dll in dlls.Where(d => d.StartsWith(folder, StringComparison.Ordinal) && !d.EndsWith("/YamlDotNet.dll", StringComparison.Ordinal)))
            {
                using var pe = new PEReader(new MemoryStream(Read(dll)));
                var metadata = pe.GetMetadataReader();
                // The code fixes do not use YamlDotNet; every assembly that does must bind to the packed version.
                foreach (var reference in metadata.AssemblyReferences.Select(metadata.GetAssemblyReference).Where(r => metadata.GetString(r.Name) == "YamlDotNet"))
                {
                    Assert.True(reference.Version == packed, $"{dll} references YamlDotNet {reference.Version}, the package has {packed} beside it");
                }
            }
        }
    }

    /// <summary>The raw [TargetFramework] attribute blob as text (enough to find the framework moniker in it).</summary>
    private static string TargetFramework(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind == HandleKind.MemberReference)
            {
                var ctor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (ctor.Parent.Kind == HandleKind.TypeReference
                    && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)ctor.Parent).Name) == "TargetFrameworkAttribute")
                {
                    return System.Text.Encoding.UTF8.GetString(metadata.GetBlobBytes(attribute.Value));
                }
            }
        }

        return string.Empty;
    }
}
