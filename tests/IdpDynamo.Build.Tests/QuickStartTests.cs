using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using IdpDynamo.Build.Tests.Infrastructure;
using IdpDynamo.Tests;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// README.md's Quick start, followed as a new user would: its marked code blocks are extracted and run in order in an
/// empty folder (the user's <c>~/src</c>), against the freshly packed package. Markers (HTML comments before a block):
/// <c>pack</c> (the pack command, run by <see cref="PackageFixture"/>), <c>run in DIR</c> / <c>run in DIR, fails</c>
/// (bash), <c>file PATH</c> (write the block), <c>paste into PATH</c> (insert before <c>&lt;/Project&gt;</c>) and
/// <c>output</c> (what the previous run prints: those lines in order, and no other line from the package).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class QuickStartTests : IDisposable
{
    /// <summary>The folder the README's outputs are shown in (<c>~/src</c> of a user called 'you').</summary>
    private const string ShownRoot = "/home/you/src";

    /// <summary>The pack line the README must contain: the command <see cref="PackageFixture"/> runs, into ../idp-dynamo-feed.</summary>
    private const string PackCommand = "dotnet pack nuget/IdpDynamo.Build.Package.csproj -c Release -o ../idp-dynamo-feed";

    private static readonly Regex Block = new(
        @"<!-- quickstart: (?<marker>[^>]*?) -->\r?\n```[a-z]*\r?\n(?<body>.*?)\r?\n```",
        RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private readonly PackageFixture _package;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "idpdyn-quickstart-" + Guid.NewGuid().ToString("N"));

    public QuickStartTests(PackageFixture package)
    {
        _package = package;
        Directory.CreateDirectory(_root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static IReadOnlyList<(string Marker, string Body)> Steps()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Replace("\r\n", "\n");
        int start = readme.IndexOf("\n## Quick start\n", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md needs a '## Quick start' section");
        return Block.Matches(readme.Substring(start, end - start)).Select(m => (m.Groups["marker"].Value, m.Groups["body"].Value)).ToList();
    }

    [Fact]
    public void The_quick_start_has_the_steps_a_new_user_needs()
    {
        var markers = Steps().Select(s => s.Marker).ToList();

        Assert.Equal("pack", markers[0]);
        Assert.Contains("file orders/nuget.config", markers);
        Assert.Contains(markers, m => m.StartsWith("file apps-webshop/apps/", StringComparison.Ordinal) && m.EndsWith("/values.yaml", StringComparison.Ordinal));
        Assert.Contains("paste into orders/Orders.csproj", markers);
        Assert.Equal("output", markers[^1]);
        Assert.EndsWith(", fails", markers[^2], StringComparison.Ordinal);
        Assert.Contains(PackCommand, Steps()[0].Body.Split('\n'));
    }

    [Fact]
    public void Following_the_quick_start_literally_ends_in_a_build_that_fails_on_the_broken_file()
    {
        var log = new StringBuilder();
        (string Command, int ExitCode, string Output)? last = null;
        foreach (var (marker, body) in Steps())
        {
            log.Append("== ").Append(marker).Append('\n');
            if (marker == "pack")
            {
                // The fixture ran this very command (checked above) into a feed of its own: put its package where the
                // README's command puts it.
                string feed = Path.Combine(_root, "idp-dynamo-feed");
                Directory.CreateDirectory(feed);
                File.Copy(_package.Nupkg, Path.Combine(feed, Path.GetFileName(_package.Nupkg)));
            }
            else if (marker.StartsWith("file ", StringComparison.Ordinal))
            {
                string path = Full(marker.Substring("file ".Length));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, body + "\n", new UTF8Encoding(false));
            }
            else if (marker.StartsWith("paste into ", StringComparison.Ordinal))
            {
                string path = Full(marker.Substring("paste into ".Length));
                string text = File.ReadAllText(path);
                int at = text.LastIndexOf("</Project>", StringComparison.Ordinal);
                Assert.True(at >= 0, $"{path} has no </Project>:\n{text}");
                File.WriteAllText(path, text.Substring(0, at) + body + "\n" + text.Substring(at), new UTF8Encoding(false));
            }
            else if (marker.StartsWith("run in ", StringComparison.Ordinal))
            {
                string where = marker.Substring("run in ".Length);
                bool fails = where.EndsWith(", fails", StringComparison.Ordinal);
                string dir = Full(fails ? where.Substring(0, where.Length - ", fails".Length) : where);
                var (exitCode, output) = Bash(dir, body);
                log.Append(output);
                Assert.True(fails ? exitCode != 0 : exitCode == 0, $"'{body}' exited with {exitCode}\n{log}");
                last = (body, exitCode, output);
            }
            else if (marker == "output")
            {
                Assert.True(last is not null, "an output block needs a run block before it");
                AssertPrints(body, last!.Value.Output, log.ToString());
                last = null;
            }
            else
            {
                Assert.Fail($"unknown Quick start marker '{marker}'");
            }
        }
    }

    /// <summary>
    /// The README's lines appear in this order in the output (paths shown under <see cref="ShownRoot"/>, MSBuild's
    /// trailing <c>[project]</c> left out), and the package printed no line the README does not show.
    /// </summary>
    private void AssertPrints(string expectedBlock, string output, string log)
    {
        var expected = expectedBlock.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var actual = output.Replace("\r\n", "\n").Split('\n').Select(Normalize).Where(l => l.Length > 0).ToList();
        int at = 0;
        foreach (string line in expected)
        {
            int found = actual.IndexOf(line, at);
            Assert.True(found >= 0, $"expected the line\n  {line}\nafter line {at} of the output\n{log}");
            at = found + 1;
        }

        var fromPackage = actual.Where(l => l.Contains("IDPDYN", StringComparison.Ordinal) || l.StartsWith("IdpDynamo", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(fromPackage.All(expected.Contains), $"the package printed lines the README does not show:\n  {string.Join("\n  ", fromPackage.Where(l => !expected.Contains(l)))}\n{log}");
    }

    private string Normalize(string line)
    {
        string l = line.Trim().Replace(_root, ShownRoot, StringComparison.Ordinal);
        return Regex.Replace(l, @" \[[^\]]*\.csproj\]$", string.Empty);
    }

    private string Full(string relative) => Path.GetFullPath(Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>
    /// Runs a README block with bash (-e: the first failing command ends it) in <paramref name="directory"/>, with the
    /// test's dotnet first on PATH, the tests' isolated package cache, and no MSBuild state of the test run.
    /// </summary>
    private static (int ExitCode, string Output) Bash(string directory, string script)
    {
        var psi = new ProcessStartInfo("bash")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add("-e");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string name = (string)entry.Key;
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.Equals("MSBUILD_EXE_PATH", StringComparison.OrdinalIgnoreCase))
            {
                psi.Environment.Remove(name);
            }
        }

        string dotnetDir = Path.GetDirectoryName(TestProcesses.DotnetHost()) ?? string.Empty;
        psi.Environment["PATH"] = dotnetDir + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["NUGET_PACKAGES"] = PackageFixture.PackagesFolder;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(5).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{script}' did not finish within 5 minutes:\n{output}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
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
}
