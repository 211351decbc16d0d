// Linked into IdpDynamo.Schema.Tests, IdpDynamo.Cli.Tests and IdpDynamo.Build.Tests: the processes their tests start.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace IdpDynamo.Tests;

/// <summary>The dotnet host of the running test, and git, run the same way by every test that needs them.</summary>
internal static class TestProcesses
{
    /// <summary>
    /// The dotnet host by full path (DOTNET_HOST_PATH, DOTNET_ROOT, then the first 'dotnet' on PATH), so that a test may
    /// start it with a PATH of its own; <c>dotnet</c> when none is found.
    /// </summary>
    public static string DotnetHost()
    {
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var candidates = new List<string?> { Environment.GetEnvironmentVariable("DOTNET_ROOT") };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator));
        foreach (string? dir in candidates)
        {
            if (!string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, exe)))
            {
                return Path.GetFullPath(Path.Combine(dir, exe));
            }
        }

        return "dotnet";
    }

    /// <summary>
    /// <c>git args</c> in <paramref name="workingDirectory"/>: its standard output, or an exception with git's error
    /// output when it fails or takes over a minute. GIT_DIR and friends are removed, so a test is never steered by the
    /// repository or hook it happens to run from.
    /// </summary>
    public static string Git(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (string name in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE" })
        {
            psi.Environment.Remove(name);
        }

        using var process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("git " + string.Join(' ', args) + " did not finish");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}) in {workingDirectory}:\n{stderr.GetAwaiter().GetResult()}");
        }

        return stdout.GetAwaiter().GetResult();
    }

    /// <summary>A commit of what is staged, by a fixed test author, without signing or hooks.</summary>
    public static void GitCommit(string workingDirectory, string message)
        => Git(workingDirectory, "-c", "user.email=t@t", "-c", "user.name=t", "-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message);

    /// <summary>Clears the read-only flag git puts on its object files, so that <paramref name="directory"/> can be deleted.</summary>
    public static void MakeWritable(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }
    }
}
