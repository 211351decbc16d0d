using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IdpDynamo.Cli.Tests.Infrastructure;
using IdpDynamo.Tests;

namespace IdpDynamo.Cli.Tests;

/// <summary>
/// <c>idp-dynamo validate ... --baseline &lt;ref&gt;</c> in a REAL git repository (the temp apps repository, git init'ed
/// and committed): change-detection diagnostics, exit codes, and IDPDYN131 exactly once per run when the baseline
/// cannot be read.
/// </summary>
public abstract class BaselineTests : IDisposable
{
    private const string Pattern = "apps/**/dynamodb/values.yaml";

    private readonly AppsRepository _repo;

    protected BaselineTests(CliHostKind host) => _repo = new(host);

    public void Dispose()
    {
        // git makes its object files read-only; AppsRepository deletes the rest.
        TestProcesses.MakeWritable(Path.Combine(_repo.Root, ".git"));
        _repo.Dispose();
    }

    /// <summary>git init + commit of everything in the repository so far.</summary>
    private void InitAndCommit()
    {
        TestProcesses.Git(_repo.Root, "init", "--quiet");
        Commit();
    }

    private void Commit()
    {
        TestProcesses.Git(_repo.Root, "add", "-A");
        TestProcesses.GitCommit(_repo.Root, "baseline");
    }

    private void Rewrite(string relativePath, string yaml) => File.WriteAllText(_repo.FullPath(relativePath), yaml, new UTF8Encoding(false));

    private static List<(string Id, string Severity, string File, int Line, int Column, string Message)> Json(CliResult r)
    {
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("severity").GetString()!, e.GetProperty("file").GetString()!,
                e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32(), e.GetProperty("message").GetString()!))
            .ToList();
    }

    /// <summary>Yaml.Valid with the hash key CustomerId renamed to ShopperId (line 5, the value at column 14).</summary>
    private static string Rekeyed(string ns = "webshop-test")
        => Yaml.Valid(ns).Replace("hashKey: CustomerId", "hashKey: ShopperId", StringComparison.Ordinal)
            .Replace("- name: CustomerId", "- name: ShopperId", StringComparison.Ordinal);

    [Fact]
    public void A_changed_key_schema_is_IDPDYN046_and_exits_1()
    {
        string test = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        string prod = _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-prod"));
        InitAndCommit();
        Rewrite(test, Rekeyed());

        var r = _repo.Run("validate", Pattern, "--baseline", "HEAD", "--format", "json");

        Assert.True(r.ExitCode == 1, r.Describe());
        var d = Json(r);
        Assert.Equal(2, d.Count);
        var error = d[0];
        Assert.Equal(("IDPDYN046", "error", test, 5, 14), (error.Id, error.Severity, error.File, error.Line, error.Column));
        Assert.Contains("already exists with key (CustomerId, OrderDate) at HEAD", error.Message, StringComparison.Ordinal);
        // The two environments of the service now disagree, too.
        Assert.Equal(("IDPDYN126", "error", test, 4, 11), (d[1].Id, d[1].Severity, d[1].File, d[1].Line, d[1].Column));
        Assert.DoesNotContain(d, x => x.File == prod);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void The_same_change_without_baseline_is_clean()
    {
        // Nearest negative: without --baseline nothing is compared (the rekeyed file is valid on its own).
        string test = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        InitAndCommit();
        Rewrite(test, Rekeyed());

        var r = _repo.Run("validate", Pattern, "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Empty(Json(r));
    }

    [Fact]
    public void Delta_warnings_and_infos_exit_0_and_show_in_the_text_format()
    {
        // Orders renamed (048, warning) and a second table removed (107, info).
        string two = Yaml.Valid() + Yaml.Valid().Split('\n', 4)[3].Replace("name: Orders", "name: Returns", StringComparison.Ordinal);
        string test = _repo.AddValues("webshop-test", "orders", two);
        InitAndCommit();
        Rewrite(test, Yaml.Valid().Replace("name: Orders", "name: OrderHistory", StringComparison.Ordinal));

        var r = _repo.Run("validate", Pattern, "--baseline", "HEAD");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(
            $"{test}(1,1): info IDPDYN107: Table 'webshop-test-Returns' was removed from this file (it was on line 15 at HEAD); it stays in AWS (orphaned, unmanaged, still billed)\n" +
            $"{test}(4,11): warning IDPDYN048: Changing name of 'webshop-test-Orders' (line 4) creates a new empty table 'webshop-test-OrderHistory'; the old table is orphaned (kept, unmanaged) (baseline HEAD)\n" +
            "idp-dynamo: 1 file validated: 0 errors, 1 warning, 1 info\n",
            r.Stdout);
    }

    [Fact]
    public void An_unknown_ref_is_exactly_one_IDPDYN131_and_exits_0()
    {
        string test = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        string prod = _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-prod"));
        InitAndCommit();
        Rewrite(test, Rekeyed()); // would be 046 against HEAD
        Rewrite(prod, Rekeyed("webshop-prod")); // both environments keep one definition

        var r = _repo.Run("validate", Pattern, "--baseline", "origin/main", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        var d = Json(r);
        var info = Assert.Single(d);
        Assert.Equal(("IDPDYN131", "info", 1, 1), (info.Id, info.Severity, info.Line, info.Column));
        Assert.Equal("Change detection against 'origin/main' was skipped: the ref 'origin/main' does not exist in the repository", info.Message);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void Outside_a_git_repository_is_one_IDPDYN131_in_the_text_format()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-prod"));

        var r = _repo.Run("validate", Pattern, "--baseline", "HEAD");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Single(r.StdoutLines, l => l.Contains(": info IDPDYN131: ", StringComparison.Ordinal));
        Assert.Contains("is not inside a git repository", r.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("idp-dynamo: 2 files validated: 0 errors, 0 warnings, 1 info\n", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_file_has_no_baseline_and_no_IDPDYN131()
    {
        _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-prod"));
        InitAndCommit();
        _repo.AddValues("webshop-test", "orders", Yaml.Valid()); // not committed: new in this change

        var r = _repo.Run("validate", Pattern, "--baseline", "HEAD", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Empty(Json(r));
    }

    [Fact]
    public void A_sarif_run_carries_the_delta_result()
    {
        string test = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        InitAndCommit();
        Rewrite(test, Rekeyed());

        var r = _repo.Run("validate", Pattern, "--baseline", "HEAD", "--format", "sarif");

        Assert.True(r.ExitCode == 1, r.Describe());
        using var doc = JsonDocument.Parse(r.Stdout);
        var result = Assert.Single(doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("IDPDYN046", result.GetProperty("ruleId").GetString());
    }

    // ---------------------------------------------------------------- git missing: the real executable, PATH emptied

    [Fact]
    public void Git_missing_is_one_IDPDYN131_from_the_real_executable_with_an_empty_PATH()
    {
        string test = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        string prod = _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-prod"));
        InitAndCommit();
        Rewrite(test, Rekeyed());
        Rewrite(prod, Rekeyed("webshop-prod"));

        var r = RunWithoutGitOnPath("validate", Pattern, "--baseline", "HEAD", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        var d = Json(r);
        var info = Assert.Single(d);
        Assert.Equal("IDPDYN131", info.Id);
        Assert.Equal("Change detection against 'HEAD' was skipped: git is not installed or not on PATH", info.Message);
    }

    /// <summary>Runs the real idp-dynamo.dll in its own process with a PATH on which there is no git.</summary>
    private CliResult RunWithoutGitOnPath(params string[] args)
    {
        var psi = new ProcessStartInfo(TestProcesses.DotnetHost())
        {
            WorkingDirectory = _repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        psi.ArgumentList.Add(FindCliDll());
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // No directory on PATH holds git; the host is started by its full path and finds its runtime from there.
        string empty = Path.Combine(_repo.Root, "empty-path");
        Directory.CreateDirectory(empty);
        psi.Environment["PATH"] = empty;

        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("idp-dynamo did not finish within 120 s");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>idp-dynamo.dll next to the tests (copied by the project reference).</summary>
    private static string FindCliDll()
    {
        string local = Path.Combine(AppContext.BaseDirectory, "idp-dynamo.dll");
        Assert.True(File.Exists(local), "idp-dynamo.dll is not next to the tests: " + AppContext.BaseDirectory);
        return local;
    }
}
