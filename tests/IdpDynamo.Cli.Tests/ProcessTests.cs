using System;
using System.Text.Json;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>
/// End to end: the real executable in its own process (the managed <c>dotnet idp-dynamo.dll</c> and the native
/// <c>idp-dynamo</c>), proving exit codes and the stdout/stderr split through Main, the real console streams and
/// redirection.
/// </summary>
public abstract class ProcessTests : IDisposable
{
    private readonly AppsRepository _repo;

    protected ProcessTests(CliHostKind host) => _repo = new(host);

    public void Dispose() => _repo.Dispose();

    private CliResult RunProcess(params string[] args) => _repo.Run(args);

    [Fact]
    public void The_executable_keeps_the_exit_code_and_stream_contract()
    {
        string good = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        string bad = _repo.AddValues("webshop-prod", "orders", Yaml.WithError("webshop-prod"));

        // Exit 0: only the summary, on stdout.
        var ok = RunProcess("validate", good);
        Assert.True(ok.ExitCode == 0, ok.Describe());
        Assert.Equal("idp-dynamo: 1 file validated: 0 errors, 0 warnings, 0 infos\n", ok.Stdout);
        Assert.Equal(string.Empty, ok.Stderr);

        // Exit 1: compiler-format lines on stdout (no colour when redirected), nothing on stderr.
        var errors = RunProcess("validate", "apps/**/values.yaml");
        Assert.True(errors.ExitCode == 1, errors.Describe());
        Assert.Equal(
            $"{bad}(12,18): error IDPDYN010: 'ON_DEMAND' is not a valid billingMode; expected one of PAY_PER_REQUEST, PROVISIONED; did you mean 'PAY_PER_REQUEST'?\n" +
            "idp-dynamo: 2 files validated: 1 error, 0 warnings, 0 infos\n",
            errors.Stdout);
        Assert.Equal(string.Empty, errors.Stderr);

        // Exit 2, json: stdout is exactly the JSON array, the message is on stderr.
        var missing = RunProcess("validate", "apps/nowhere/values.yaml", "--format", "json");
        Assert.True(missing.ExitCode == 2, missing.Describe());
        using (var doc = JsonDocument.Parse(missing.Stdout))
        {
            var d = Assert.Single(doc.RootElement.EnumerateArray());
            Assert.Equal("IDPDYN120", d.GetProperty("id").GetString());
            Assert.Equal("apps/nowhere/values.yaml", d.GetProperty("file").GetString());
        }

        Assert.Contains("apps/nowhere/values.yaml", missing.Stderr, StringComparison.Ordinal);

        // Exit 2, usage: nothing on stdout, usage on stderr.
        var usage = RunProcess();
        Assert.True(usage.ExitCode == 2, usage.Describe());
        Assert.Equal(string.Empty, usage.Stdout);
        Assert.Contains("Usage: idp-dynamo validate", usage.Stderr, StringComparison.Ordinal);

        var unknown = RunProcess("validate", good, "--format", "xml");
        Assert.True(unknown.ExitCode == 2, unknown.Describe());
        Assert.Equal(string.Empty, unknown.Stdout);
        Assert.Contains("unknown format 'xml'", unknown.Stderr, StringComparison.Ordinal);

        // SARIF through the real process parses too.
        var sarif = RunProcess("validate", bad, "--format", "sarif");
        Assert.True(sarif.ExitCode == 1, sarif.Describe());
        using (var doc = JsonDocument.Parse(sarif.Stdout))
        {
            Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        }

        Assert.Equal(string.Empty, sarif.Stderr);
    }
}
