using System;
using System.Text.Json;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>Exit codes: 0 no errors, 1 at least one error, 2 usage or I/O problem (message on stderr).</summary>
public abstract class ExitCodeTests : IDisposable
{
    private readonly AppsRepository _repo;

    protected ExitCodeTests(CliHostKind host) => _repo = new(host);

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void A_valid_file_exits_0_with_only_the_summary()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());

        var r = _repo.Run("validate", path);

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("idp-dynamo: 1 file validated: 0 errors, 0 warnings, 0 infos\n", r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void Warnings_and_infos_do_not_fail_the_run()
    {
        // No application.yaml (IDPDYN014 info) and no managementPolicies (IDPDYN100 warning).
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithWarning(), chartVersion: null);

        var r = _repo.Run("validate", path);

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Contains($"{path}(1,1): info IDPDYN014: ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(": warning IDPDYN100: ", r.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("idp-dynamo: 1 file validated: 0 errors, 1 warning, 1 info\n", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void An_error_exits_1()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.Run("validate", path);

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.StartsWith($"{path}(12,18): error IDPDYN010: ", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void One_bad_file_among_good_ones_exits_1()
    {
        string good = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        string bad = _repo.AddValues("webshop-prod", "orders", Yaml.WithError("webshop-prod"));

        var r = _repo.Run("validate", good, bad);

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.EndsWith("idp-dynamo: 2 files validated: 1 error, 0 warnings, 0 infos\n", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void No_arguments_exit_2_with_usage_on_stderr_and_nothing_on_stdout()
    {
        var r = _repo.Run();

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains("Usage: idp-dynamo validate", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_without_paths_exits_2()
    {
        var r = _repo.Run("validate");

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains("no values files given", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_with_only_options_exits_2()
    {
        var r = _repo.Run("validate", "--format", "json");

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.Equal(string.Empty, r.Stdout);
        Assert.NotEqual(string.Empty, r.Stderr);
    }

    [Fact]
    public void An_unknown_command_exits_2()
    {
        var r = _repo.Run("lint", "values.yaml");

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains("unknown command 'lint'", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("-x")]
    [InlineData("--no-colour")]
    public void An_unknown_option_exits_2_naming_it_on_stderr(string option)
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());

        var r = _repo.Run("validate", path, option);

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains($"unknown option '{option}'", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("JSON")]
    [InlineData("msbuild")]
    public void An_unknown_format_exits_2(string format)
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());

        var r = _repo.Run("validate", path, "--format", format);

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains($"unknown format '{format}'", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format")]
    [InlineData("--namespace")]
    [InlineData("--chart-version")]
    public void An_option_without_its_value_exits_2(string option)
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());

        var r = _repo.Run("validate", path, option);

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains(option, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_equals_form_of_an_option_is_accepted()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());

        var r = _repo.Run("validate", path, "--format=json");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(r.Stdout).RootElement.ValueKind);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_exits_0_with_usage_on_stdout(string option)
    {
        var r = _repo.Run("validate", option);

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Contains("Usage: idp-dynamo validate", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void A_missing_file_exits_2_with_IDPDYN120_and_a_message_on_stderr()
    {
        const string path = "apps/webshop-test/orders/dynamodb/values.yaml";

        var r = _repo.Run("validate", path);

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.StartsWith($"{path}(1,1): error IDPDYN120: ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(path, r.Stderr, StringComparison.Ordinal);
        Assert.Contains("not found", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_with_json_format_keeps_stdout_a_json_array_and_the_message_on_stderr()
    {
        const string path = "apps/webshop-test/orders/dynamodb/values.yaml";

        var r = _repo.Run("validate", path, "--format", "json");

        Assert.True(r.ExitCode == 2, r.Describe());
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        var first = doc.RootElement[0];
        Assert.Equal("IDPDYN120", first.GetProperty("id").GetString());
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal(path, first.GetProperty("file").GetString());
        Assert.DoesNotContain("idp-dynamo:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(path, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_next_to_a_valid_one_still_exits_2()
    {
        string good = _repo.AddValues("webshop-test", "orders", Yaml.Valid());

        var r = _repo.Run("validate", good, "apps/webshop-test/missing/dynamodb/values.yaml");

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.Contains("IDPDYN120", r.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(string.Empty, r.Stderr);
    }

    [Fact]
    public void A_glob_that_matches_nothing_exits_2_with_IDPDYN123()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        const string pattern = "apps/**/valuez.yaml";

        var r = _repo.Run("validate", pattern, "--format", "json");

        Assert.True(r.ExitCode == 2, r.Describe());
        using var doc = JsonDocument.Parse(r.Stdout);
        var d = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("IDPDYN123", d.GetProperty("id").GetString());
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Equal(pattern, d.GetProperty("file").GetString());
        Assert.Equal(1, d.GetProperty("line").GetInt32());
        Assert.Equal(1, d.GetProperty("column").GetInt32());
        Assert.Contains(pattern, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_glob_under_a_missing_directory_exits_2_with_IDPDYN123()
    {
        var r = _repo.Run("validate", "does-not-exist/*/values.yaml");

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.StartsWith("does-not-exist/*/values.yaml(1,1): error IDPDYN123: ", r.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(string.Empty, r.Stderr);
    }

    [Fact]
    public void A_directory_exits_2_with_IDPDYN121()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        const string dir = "apps/webshop-test/orders/dynamodb";

        var r = _repo.Run("validate", dir);

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.StartsWith($"{dir}(1,1): error IDPDYN121: ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(dir, r.Stderr, StringComparison.Ordinal);
        Assert.Contains("directory", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_IO_problem_wins_over_validation_errors()
    {
        string bad = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.Run("validate", bad, "apps/webshop-test/missing.yaml");

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.Contains("IDPDYN010", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("IDPDYN120", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_16_MiB_is_IDPDYN130_with_its_real_size_and_exits_1()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        using (var stream = new System.IO.FileStream(_repo.FullPath(path), System.IO.FileMode.Open, System.IO.FileAccess.Write))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        var r = _repo.Run("validate", path, "--format", "json");

        Assert.True(r.ExitCode == 1, r.Describe());
        using var doc = JsonDocument.Parse(r.Stdout);
        var d = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("IDPDYN130", d.GetProperty("id").GetString());
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Equal(1, d.GetProperty("line").GetInt32());
        Assert.Equal(1, d.GetProperty("column").GetInt32());
        Assert.Contains("50 MiB", d.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_exits_2_with_IDPDYN122()
    {
        // File modes do not stop root (CI runs as root), so the file is made unreadable with an exclusive lock: .NET
        // enforces FileShare.None on Unix with flock, and reading it then fails with a sharing violation.
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        using (new System.IO.FileStream(_repo.FullPath(path), System.IO.FileMode.Open, System.IO.FileAccess.ReadWrite, System.IO.FileShare.None))
        {
            var r = _repo.Run("validate", path);

            Assert.True(r.ExitCode == 2, r.Describe());
            Assert.StartsWith($"{path}(1,1): error IDPDYN122: ", r.Stdout, StringComparison.Ordinal);
            Assert.Contains(path, r.Stderr, StringComparison.Ordinal);
        }
    }
}
