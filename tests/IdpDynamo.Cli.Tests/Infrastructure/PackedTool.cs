using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using IdpDynamo.Tests;

namespace IdpDynamo.Cli.Tests.Infrastructure;

/// <summary>The outcome of one <c>dotnet</c> command: exit code and stdout + stderr as they arrived.</summary>
internal sealed record DotnetRun(string CommandLine, int ExitCode, string Output)
{
    public override string ToString() => $"> {CommandLine}\n(exit code {ExitCode})\n{Output}";
}

/// <summary>
/// The idp-dynamo tool packed ONCE per test run, the way README says, into a temp feed:
/// <c>dotnet pack src/IdpDynamo.Cli -c Release -o FEED</c> (the pointer package IdpDynamo.Cli and the framework-dependent
/// IdpDynamo.Cli.any) and, on linux-x64 with clang, <c>dotnet pack src/IdpDynamo.Cli -c Release -r linux-x64 -o FEED</c>
/// (the Native AOT IdpDynamo.Cli.linux-x64); then installed with <c>--tool-path</c>, whose executable is the native host
/// of the contract tests. The builds go to an artifacts folder of their own (<c>--artifacts-path</c>), so they never
/// touch the repository's bin/ and obj/ that other test projects build at the same time.
/// </summary>
internal sealed class PackedTool
{
    public const string PackageId = "IdpDynamo.Cli";

    private static readonly Lazy<PackedTool> Shared = new(() => new PackedTool());

    private PackedTool()
    {
        Root = Path.Combine(Path.GetTempPath(), "idpdyn-cli-tool-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteRoot();

        string project = Path.Combine(ManagedBuild.RepositoryRoot(), "src", "IdpDynamo.Cli");
        string artifacts = Path.Combine(Root, "artifacts");
        var log = new StringBuilder();
        var pack = Dotnet(Root, "pack", project, "-c", "Release", "-o", Feed, "--artifacts-path", artifacts);
        log.Append(pack).Append('\n');
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack);
        }

        NativeUnavailable = NativeUnavailableReason();
        if (NativeUnavailable is null)
        {
            var native = Dotnet(Root, "pack", project, "-c", "Release", "-r", "linux-x64", "-o", Feed, "--artifacts-path", artifacts);
            log.Append(native).Append('\n');
            if (native.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack -r linux-x64 failed:\n" + native);
            }
        }

        PackLog = log.ToString();

        // The version comes from the package itself (IdpDynamo.Cli.<version>.nupkg), never from a constant here.
        string pointer = Directory.GetFiles(Feed, PackageId + ".*.nupkg")
            .Select(Path.GetFileName)
            .Single(name => char.IsDigit(name![PackageId.Length + 1]))!;
        Version = pointer.Substring(PackageId.Length + 1, pointer.Length - PackageId.Length - 1 - ".nupkg".Length);
        _nativeInstall = new Lazy<string>(InstallNative);
    }

    public static PackedTool Instance => Shared.Value;

    /// <summary>Temp folder of this run: the feed, the artifacts, the installs; deleted when the test process ends.</summary>
    public string Root { get; }

    public string Feed { get; }

    /// <summary>The package version, read from the packed pointer package's file name.</summary>
    public string Version { get; }

    /// <summary>What the two packs printed.</summary>
    public string PackLog { get; }

    /// <summary>Why the native package was not packed here (null: it was).</summary>
    public string? NativeUnavailable { get; }

    /// <summary>The package files in the feed, by name.</summary>
    public IReadOnlyList<string> PackageFiles => Directory.GetFiles(Feed, "*.nupkg").Select(f => Path.GetFileName(f)!).OrderBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The native executable, installed from the feed once (<c>dotnet tool install IdpDynamo.Cli --add-source FEED
    /// --tool-path DIR</c>); the test is skipped, with the reason, where the native package cannot be built.
    /// </summary>
    public static string Native()
    {
        var tool = Instance;
        Skip.If(tool.NativeUnavailable is not null, tool.NativeUnavailable);
        return tool._nativeInstall.Value;
    }

    private readonly Lazy<string> _nativeInstall;

    private string InstallNative()
    {
        string toolPath = Path.Combine(Root, "contract-tool");
        var install = Tool(Root, Path.Combine(Root, "contract-scratch"), "tool", "install", PackageId, "--add-source", Feed, "--version", Version, "--tool-path", toolPath);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException("installing the packed tool failed:\n" + install);
        }

        return Path.Combine(toolPath, "idp-dynamo");
    }

    /// <summary>
    /// The environment of a tool command: a package cache and a home (so ~/.dotnet/tools) under
    /// <paramref name="scratch"/>, so that an install never reads a stale copy of the same version, shows which packages
    /// it fetched, and never writes to the user's own tools.
    /// </summary>
    public static IReadOnlyDictionary<string, string> IsolatedEnvironment(string scratch) => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Path.Combine(scratch, "nuget-packages"),
        ["DOTNET_CLI_HOME"] = Path.Combine(scratch, "home"),
        ["HOME"] = Path.Combine(scratch, "home"),
    };

    /// <summary>Null when this machine can build the linux-x64 native package, else why not.</summary>
    private static string? NativeUnavailableReason()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            return $"the native package is built for linux-x64; this is {RuntimeInformation.RuntimeIdentifier}";
        }

        bool clang = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "clang")));
        return clang ? null : "clang is not installed (the Native AOT build needs it: apt-get install -y clang zlib1g-dev, as .ci/run does)";
    }

    /// <summary><c>dotnet args</c> in <paramref name="workingDirectory"/> with the <see cref="IsolatedEnvironment"/> of <paramref name="scratch"/>.</summary>
    public static DotnetRun Tool(string workingDirectory, string scratch, params string[] args)
    {
        Directory.CreateDirectory(Path.Combine(scratch, "home"));
        return Dotnet(workingDirectory, IsolatedEnvironment(scratch), args);
    }

    /// <summary><c>dotnet args</c> in <paramref name="workingDirectory"/>, in the environment of the tests.</summary>
    public static DotnetRun Dotnet(string workingDirectory, params string[] args) => Dotnet(workingDirectory, null, args);

    /// <summary>
    /// The dotnet host as a child process, without the MSBuild variables <c>dotnet test</c> leaves in the environment
    /// (they would point the child at the parent's MSBuild), English messages, no node reuse; 20 minutes at most (a
    /// Native AOT build on a loaded machine takes minutes).
    /// </summary>
    private static DotnetRun Dotnet(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo(TestProcesses.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string name = (string)entry.Key;
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
            {
                psi.Environment.Remove(name);
            }
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        string commandLine = "dotnet " + string.Join(' ', args);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { lock (output) { output.Append(e.Data).Append('\n'); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.Append(e.Data).Append('\n'); } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(20).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{commandLine}' did not finish within 20 minutes:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new DotnetRun(commandLine, process.ExitCode, output.ToString());
        }
    }

    private void DeleteRoot()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
