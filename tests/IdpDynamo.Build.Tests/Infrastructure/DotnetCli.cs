using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using IdpDynamo.Tests;

namespace IdpDynamo.Build.Tests.Infrastructure;

/// <summary>The outcome of one <c>dotnet</c> process: exit code and stdout + stderr interleaved as they arrived.</summary>
public sealed record DotnetResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    public override string ToString() => $"> {CommandLine}\n(exit code {ExitCode}, {Elapsed.TotalSeconds:0.0}s)\n{Output}";
}

/// <summary>
/// Runs the real <c>dotnet</c> host (the one that runs the tests, else the one on PATH) as a child process, with an
/// environment cleaned of the MSBuild variables that <c>dotnet test</c> leaves behind (they would point the child at
/// the parent's MSBuild and SDK resolver state).
/// </summary>
internal static class DotnetCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static DotnetResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo(TestProcesses.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string name = (string)entry.Key;
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.Equals("MSBUILD_EXE_PATH", StringComparison.OrdinalIgnoreCase))
            {
                psi.Environment.Remove(name);
            }
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                psi.Environment[name] = value;
            }
        }

        string commandLine = "dotnet " + string.Join(" ", args);
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            throw new TimeoutException($"'{commandLine}' did not finish within {Timeout.TotalMinutes} minutes:\n{Snapshot(output)}");
        }

        process.WaitForExit(); // drains the asynchronous output readers
        return new DotnetResult(commandLine, process.ExitCode, Snapshot(output), stopwatch.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
