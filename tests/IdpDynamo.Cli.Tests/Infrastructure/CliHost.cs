using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using IdpDynamo.Tests;

namespace IdpDynamo.Cli.Tests.Infrastructure;

/// <summary>
/// How a test starts the CLI: in this process (<see cref="Program.Run"/>), or as a real process, the managed
/// <c>dotnet idp-dynamo.dll</c> of the build or the Native AOT executable of the installed tool. The contract tests run
/// against each (see <see cref="CliHostKind"/>), so the native build is held to exactly the same output.
/// </summary>
internal abstract class CliHost
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public abstract CliResult Run(string currentDirectory, bool colorCapable, string[] args);

    public static CliHost For(CliHostKind kind) => kind switch
    {
        CliHostKind.InProcess => InProcessHost.Instance,
        CliHostKind.Managed => new ProcessHost(TestProcesses.DotnetHost(), ManagedBuild.CliDll()),
        _ => new ProcessHost(PackedTool.Native(), null),
    };

    private sealed class InProcessHost : CliHost
    {
        public static readonly InProcessHost Instance = new();

        public override CliResult Run(string currentDirectory, bool colorCapable, string[] args)
            => CliRunner.Run(currentDirectory, colorCapable, args);
    }
}

/// <summary>The three ways of <see cref="CliHost"/>.</summary>
public enum CliHostKind
{
    /// <summary><c>Program.Run</c> in the test process.</summary>
    InProcess,

    /// <summary><c>dotnet idp-dynamo.dll</c>, the managed build next to the tests.</summary>
    Managed,

    /// <summary>The <c>idp-dynamo</c> Native AOT executable of the packed and installed linux-x64 tool package.</summary>
    Native,
}

/// <summary>
/// One process: <paramref name="fileName"/> [<paramref name="firstArgument"/>] [<paramref name="firstArguments"/>]
/// args, stdin closed, stdout and stderr read as UTF-8, killed after <see cref="CliHost.Timeout"/> (a hang fails the
/// test instead of stalling the run); <paramref name="environment"/> is added to the test's own environment.
/// </summary>
internal sealed class ProcessHost(string fileName, string? firstArgument, IReadOnlyList<string>? firstArguments = null, IReadOnlyDictionary<string, string>? environment = null) : CliHost
{
    public override CliResult Run(string currentDirectory, bool colorCapable, string[] args)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = currentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        if (firstArgument is not null)
        {
            psi.ArgumentList.Add(firstArgument);
        }

        foreach (var a in firstArguments ?? Array.Empty<string>())
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("NO_COLOR");
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {Timeout}");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}

/// <summary>The managed CLI the test project builds.</summary>
internal static class ManagedBuild
{
    /// <summary>
    /// The CLI assembly: copied next to this test assembly by the project reference, else the CLI project's own output
    /// (same configuration as the tests).
    /// </summary>
    public static string CliDll()
    {
        string here = AppContext.BaseDirectory;
        string local = Path.Combine(here, "idp-dynamo.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(here, "idp-dynamo.runtimeconfig.json")))
        {
            return local;
        }

        string configuration = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";
        string project = Path.Combine(RepositoryRoot(), "src", "IdpDynamo.Cli");
        foreach (var config in new[] { configuration, "Debug", "Release" })
        {
            string candidate = Path.Combine(project, "bin", config, "net10.0", "idp-dynamo.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"idp-dynamo.dll was found neither next to the tests ({here}) nor under {project}/bin");
    }

    /// <summary>The repository root: the first folder up from the test assembly that holds IdpDynamo.Build.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IdpDynamo.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"IdpDynamo.Build.sln not found above {AppContext.BaseDirectory}");
    }
}
