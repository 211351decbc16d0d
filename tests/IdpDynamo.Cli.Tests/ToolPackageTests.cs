using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using IdpDynamo.Cli.Tests.Infrastructure;
using IdpDynamo.Tests;

namespace IdpDynamo.Cli.Tests;

/// <summary>
/// The tool as the apps repository's CI gets it, end to end: the packages <c>dotnet pack</c> makes, and
/// <c>dotnet tool install</c> (global, <c>--tool-path</c>, local manifest) and <c>dotnet tool exec</c> from that feed,
/// each taking the Native AOT executable on linux-x64 and the framework-dependent fallback where the pointer package
/// lists nothing for the machine. Each test has its own package cache and home, so what it fetched is what it shows.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private const string BadLine = "apps/webshop-test/orders/dynamodb/values.yaml(12,18): error IDPDYN010: 'ON_DEMAND' is not a valid billingMode; expected one of PAY_PER_REQUEST, PROVISIONED; did you mean 'PAY_PER_REQUEST'?";

    private readonly AppsRepository _repo = new();
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "idpdyn-cli-install-" + Guid.NewGuid().ToString("N"));
    private readonly string _path;

    public ToolPackageTests()
    {
        _path = _repo.AddValues("webshop-test", "orders", Yaml.WithError());
    }

    private static PackedTool Tool => PackedTool.Instance;

    private static string Version => Tool.Version;

    private string PackagesFolder => Path.Combine(_scratch, "nuget-packages");

    public void Dispose()
    {
        _repo.Dispose();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void SkipWithoutNative() => Skip.If(Tool.NativeUnavailable is not null, Tool.NativeUnavailable);

    private DotnetRun Dotnet(string workingDirectory, params string[] args)
    {
        var run = PackedTool.Tool(workingDirectory, _scratch, args);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    /// <summary>The bad file through <paramref name="host"/>: exit 1, the one error line, the summary, nothing on stderr.</summary>
    private void AssertValidatesTheBadFile(CliHost host, string? workingDirectory = null)
    {
        var r = host.Run(workingDirectory ?? _repo.Root, colorCapable: false, new[] { "validate", _path });
        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Equal(BadLine + "\nidp-dynamo: 1 file validated: 1 error, 0 warnings, 0 infos\n", r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
    }

    /// <summary>An ELF executable (the Native AOT build), not a managed assembly or a script.</summary>
    private static void AssertNativeExecutable(string path)
    {
        var head = new byte[4];
        using (var stream = File.OpenRead(path))
        {
            Assert.Equal(4, stream.Read(head, 0, 4));
        }

        Assert.True(head.SequenceEqual(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }), $"{path} is not an ELF executable");
    }

    /// <summary>The installed command: a link into the store, to the linux-x64 package's executable.</summary>
    private static string AssertLinksToTheNativePackage(string command)
    {
        var info = new FileInfo(command);
        Assert.True(info.Exists, $"{command} was not installed");
        string target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? command;
        Assert.Contains($"idpdynamo.cli.linux-x64/{Version}/tools/any/linux-x64/idp-dynamo", target.Replace('\\', '/'), StringComparison.Ordinal);
        AssertNativeExecutable(target);
        return target;
    }

    private string[] FetchedPackages() => Directory.Exists(PackagesFolder)
        ? Directory.GetDirectories(PackagesFolder).Select(d => Path.GetFileName(d)!).Where(n => n.StartsWith("idpdynamo.cli", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray()
        : Array.Empty<string>();

    private static string Entry(string nupkg, string entry)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var e = zip.GetEntry(entry);
        Assert.True(e is not null, $"{Path.GetFileName(nupkg)} has no {entry}: {string.Join(", ", zip.Entries.Select(x => x.FullName))}");
        using var reader = new StreamReader(e!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public void Pack_makes_the_pointer_package_and_the_any_fallback_and_with_r_linux_x64_the_native_package()
    {
        string feed = Tool.Feed;
        string pointer = Path.Combine(feed, $"IdpDynamo.Cli.{Version}.nupkg");
        string any = Path.Combine(feed, $"IdpDynamo.Cli.any.{Version}.nupkg");

        // The pointer names one package per platform and holds no implementation.
        string settings = Entry(pointer, "tools/any/any/DotnetToolSettings.xml");
        Assert.Contains("<RuntimeIdentifierPackage RuntimeIdentifier=\"linux-x64\" Id=\"IdpDynamo.Cli.linux-x64\" />", settings, StringComparison.Ordinal);
        Assert.Contains("<RuntimeIdentifierPackage RuntimeIdentifier=\"any\" Id=\"IdpDynamo.Cli.any\" />", settings, StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead(pointer))
        {
            Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
        }

        // The fallback: the managed tool, started by dotnet, on the runtime 10.0.0 or any newer one.
        Assert.Contains("EntryPoint=\"idp-dynamo.dll\" Runner=\"dotnet\"", Entry(any, "tools/net10.0/any/DotnetToolSettings.xml"), StringComparison.Ordinal);
        string runtimeConfig = Entry(any, "tools/net10.0/any/idp-dynamo.runtimeconfig.json");
        Assert.Contains("\"version\": \"10.0.0\"", runtimeConfig, StringComparison.Ordinal);
        Assert.Contains("\"rollForward\": \"Major\"", runtimeConfig, StringComparison.Ordinal);

        SkipWithoutNative();
        Assert.Equal(
            new[] { $"IdpDynamo.Cli.{Version}.nupkg", $"IdpDynamo.Cli.any.{Version}.nupkg", $"IdpDynamo.Cli.linux-x64.{Version}.nupkg" },
            Tool.PackageFiles);

        // The native package: one executable, no managed assembly, no debug symbols.
        string native = Path.Combine(feed, $"IdpDynamo.Cli.linux-x64.{Version}.nupkg");
        Assert.Contains("EntryPoint=\"idp-dynamo\" Runner=\"executable\"", Entry(native, "tools/any/linux-x64/DotnetToolSettings.xml"), StringComparison.Ordinal);
        using var nativeZip = ZipFile.OpenRead(native);
        Assert.Equal(
            new[] { "tools/any/linux-x64/DotnetToolSettings.xml", "tools/any/linux-x64/idp-dynamo" },
            nativeZip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("tools/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void A_global_install_runs_the_native_executable()
    {
        SkipWithoutNative();

        Dotnet(_repo.Root, "tool", "install", "--global", "IdpDynamo.Cli", "--add-source", Tool.Feed, "--version", Version);

        string command = Path.Combine(_scratch, "home", ".dotnet", "tools", "idp-dynamo");
        AssertLinksToTheNativePackage(command);
        AssertValidatesTheBadFile(new ProcessHost(command, null));
    }

    [Fact]
    public void A_tool_path_install_runs_the_native_executable()
    {
        SkipWithoutNative();
        string toolPath = Path.Combine(_scratch, "tools");

        Dotnet(_repo.Root, "tool", "install", "IdpDynamo.Cli", "--add-source", Tool.Feed, "--version", Version, "--tool-path", toolPath);

        AssertLinksToTheNativePackage(Path.Combine(toolPath, "idp-dynamo"));
        AssertValidatesTheBadFile(new ProcessHost(Path.Combine(toolPath, "idp-dynamo"), null));
    }

    [Fact]
    public void A_local_manifest_install_runs_the_native_executable_through_dotnet_tool_run()
    {
        SkipWithoutNative();

        Dotnet(_repo.Root, "new", "tool-manifest");
        Dotnet(_repo.Root, "tool", "install", "IdpDynamo.Cli", "--add-source", Tool.Feed, "--version", Version);

        Assert.Equal(new[] { "idpdynamo.cli", "idpdynamo.cli.linux-x64" }, FetchedPackages());
        AssertNativeExecutable(Path.Combine(PackagesFolder, "idpdynamo.cli.linux-x64", Version, "tools", "any", "linux-x64", "idp-dynamo"));
        var env = PackedTool.IsolatedEnvironment(_scratch);
        AssertValidatesTheBadFile(new ProcessHost(TestProcesses.DotnetHost(), "tool", new[] { "run", "idp-dynamo", "--" }, env));
        AssertValidatesTheBadFile(new ProcessHost(TestProcesses.DotnetHost(), "idp-dynamo", null, env));
    }

    [Fact]
    public void Tool_exec_runs_the_native_executable_without_an_install()
    {
        SkipWithoutNative();

        var env = PackedTool.IsolatedEnvironment(_scratch);
        Directory.CreateDirectory(Path.Combine(_scratch, "home"));
        AssertValidatesTheBadFile(new ProcessHost(TestProcesses.DotnetHost(), "tool", new[] { "exec", "IdpDynamo.Cli", "--add-source", Tool.Feed, "--version", Version, "--" }, env));

        Assert.Equal(new[] { "idpdynamo.cli", "idpdynamo.cli.linux-x64" }, FetchedPackages());
        AssertNativeExecutable(Path.Combine(PackagesFolder, "idpdynamo.cli.linux-x64", Version, "tools", "any", "linux-x64", "idp-dynamo"));
    }

    [Fact]
    public void Where_the_pointer_lists_no_package_for_the_machine_the_any_fallback_is_installed_and_runs()
    {
        // The same pointer package, listing linux-arm64 instead of linux-x64 (a platform this test does not run on), next
        // to the real IdpDynamo.Cli.any: the SDK must take the framework-dependent fallback.
        string feed = Path.Combine(_scratch, "fallback-feed");
        Directory.CreateDirectory(feed);
        string pointer = Path.Combine(feed, $"IdpDynamo.Cli.{Version}.nupkg");
        File.Copy(Path.Combine(Tool.Feed, $"IdpDynamo.Cli.{Version}.nupkg"), pointer);
        File.Copy(Path.Combine(Tool.Feed, $"IdpDynamo.Cli.any.{Version}.nupkg"), Path.Combine(feed, $"IdpDynamo.Cli.any.{Version}.nupkg"));
        string machine = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        string other = machine == "linux-arm64" ? "linux-x64" : "linux-arm64";
        using (var zip = ZipFile.Open(pointer, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("tools/any/any/DotnetToolSettings.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            string changed = xml.Replace("RuntimeIdentifier=\"linux-x64\" Id=\"IdpDynamo.Cli.linux-x64\"", $"RuntimeIdentifier=\"{other}\" Id=\"IdpDynamo.Cli.{other}\"", StringComparison.Ordinal);
            Assert.NotEqual(xml, changed);
            using var writer = new StreamWriter(zip.CreateEntry("tools/any/any/DotnetToolSettings.xml").Open(), new UTF8Encoding(false));
            writer.Write(changed);
        }

        string toolPath = Path.Combine(_scratch, "tools");
        Dotnet(_repo.Root, "tool", "install", "IdpDynamo.Cli", "--add-source", feed, "--version", Version, "--tool-path", toolPath);

        Assert.True(Directory.Exists(Path.Combine(toolPath, ".store", "idpdynamo.cli", Version, "idpdynamo.cli.any")), "the any package was not installed");
        Assert.True(File.Exists(Path.Combine(toolPath, ".store", "idpdynamo.cli", Version, "idpdynamo.cli.any", Version, "tools", "net10.0", "any", "idp-dynamo.dll")));
        AssertValidatesTheBadFile(new ProcessHost(Path.Combine(toolPath, "idp-dynamo"), null));

        // And one-shot, without an install.
        var env = PackedTool.IsolatedEnvironment(Path.Combine(_scratch, "exec"));
        Directory.CreateDirectory(Path.Combine(_scratch, "exec", "home"));
        AssertValidatesTheBadFile(new ProcessHost(TestProcesses.DotnetHost(), "tool", new[] { "exec", "IdpDynamo.Cli", "--source", feed, "--version", Version, "--" }, env));
        Assert.True(Directory.Exists(Path.Combine(_scratch, "exec", "nuget-packages", "idpdynamo.cli.any")), "dotnet tool exec did not take the any package");
    }

    [Fact]
    public void Packing_the_native_package_without_clang_stops_at_once_saying_what_to_install()
    {
        Skip.If(!OperatingSystem.IsLinux(), "the native package is packed on Linux");
        string project = Path.Combine(ManagedBuild.RepositoryRoot(), "src", "IdpDynamo.Cli");

        var pack = PackedTool.Dotnet(_repo.Root, "pack", project, "-c", "Release", "-r", "linux-x64", "-o", Path.Combine(_scratch, "feed"),
            "--artifacts-path", Path.Combine(_scratch, "artifacts"), "-p:CppCompilerAndLinker=idpdyn-no-such-clang");

        Assert.NotEqual(0, pack.ExitCode);
        Assert.Contains(
            "error : The Native AOT build of idp-dynamo (linux-x64) needs clang as its linker, and this machine has none that links a C program (idpdyn-no-such-clang failed). On Debian or Ubuntu: apt-get install -y clang zlib1g-dev",
            pack.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Generating native code", pack.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_scratch, "feed")) && Directory.GetFiles(Path.Combine(_scratch, "feed")).Length > 0);
    }
}
