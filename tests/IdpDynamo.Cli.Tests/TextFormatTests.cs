using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>Text format (default): <c>path(line,col): error IDPDYN0nn: message</c> lines, then a one-line summary.</summary>
public abstract class TextFormatTests : IDisposable
{
    private static readonly Regex DiagnosticLine = new(
        @"^(?<file>[^()]+)\((?<line>[1-9][0-9]*),(?<column>[1-9][0-9]*)\): (?<severity>error|warning|info) (?<id>IDPDYN[0-9]{3}): (?<message>\S.*)$",
        RegexOptions.CultureInvariant);

    private static readonly Regex Summary = new(
        @"^idp-dynamo: (?<files>[0-9]+) files? validated: (?<errors>[0-9]+) errors?, (?<warnings>[0-9]+) warnings?, (?<infos>[0-9]+) infos?$",
        RegexOptions.CultureInvariant);

    private readonly AppsRepository _repo;

    protected TextFormatTests(CliHostKind host) => _repo = new(host);

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void An_error_is_one_compiler_format_line_with_the_relative_path_as_given_then_the_summary()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.Run("validate", path);

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Equal(2, r.StdoutLines.Count);
        Assert.Equal(
            "apps/webshop-test/orders/dynamodb/values.yaml(12,18): error IDPDYN010: 'ON_DEMAND' is not a valid billingMode; expected one of PAY_PER_REQUEST, PROVISIONED; did you mean 'PAY_PER_REQUEST'?",
            r.StdoutLines[0]);
        Assert.Equal("idp-dynamo: 1 file validated: 1 error, 0 warnings, 0 infos", r.StdoutLines[1]);
    }

    [Fact]
    public void Every_line_but_the_last_is_a_diagnostic_and_the_summary_counts_them()
    {
        string a = _repo.AddValues("webshop-test", "orders", Yaml.WithError(), chartVersion: null);
        string b = _repo.AddValues("webshop-prod", "orders", Yaml.WithWarning("webshop-prod"));

        var r = _repo.Run("validate", a, b);

        Assert.True(r.ExitCode == 1, r.Describe());
        var lines = r.StdoutLines;
        var diagnostics = lines.Take(lines.Count - 1).Select(l => DiagnosticLine.Match(l)).ToList();
        Assert.All(diagnostics, m => Assert.True(m.Success, r.Describe()));
        Assert.All(diagnostics, m => Assert.True(m.Groups["file"].Value == a || m.Groups["file"].Value == b, m.Value));
        var summary = Summary.Match(lines[^1]);
        Assert.True(summary.Success, r.Describe());
        Assert.Equal("2", summary.Groups["files"].Value);
        Assert.Equal(diagnostics.Count(m => m.Groups["severity"].Value == "error").ToString(), summary.Groups["errors"].Value);
        Assert.Equal(diagnostics.Count(m => m.Groups["severity"].Value == "warning").ToString(), summary.Groups["warnings"].Value);
        Assert.Equal(diagnostics.Count(m => m.Groups["severity"].Value == "info").ToString(), summary.Groups["infos"].Value);
        Assert.Contains(diagnostics, m => m.Groups["id"].Value == "IDPDYN010" && m.Groups["file"].Value == a);
        Assert.Contains(diagnostics, m => m.Groups["id"].Value == "IDPDYN014" && m.Groups["file"].Value == a && m.Groups["severity"].Value == "info");
        Assert.Contains(diagnostics, m => m.Groups["id"].Value == "IDPDYN100" && m.Groups["file"].Value == b && m.Groups["severity"].Value == "warning");
    }

    [Theory]
    [InlineData("./apps/webshop-test/orders/dynamodb/values.yaml")]
    [InlineData("apps/webshop-test/orders/../orders/dynamodb/values.yaml")]
    [InlineData("apps//webshop-test/orders/dynamodb/values.yaml")]
    public void The_path_is_printed_exactly_as_given(string given)
    {
        _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.Run("validate", given);

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.StartsWith($"{given}(12,18): error IDPDYN010: ", r.StdoutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_absolute_path_is_printed_absolute()
    {
        string path = _repo.FullPath(_repo.AddValues("webshop-test", "orders", Yaml.WithError()));

        var r = _repo.Run("validate", path);

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.StartsWith($"{path}(12,18): error IDPDYN010: ", r.StdoutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_path_resolves_against_the_given_current_directory_not_the_process_one()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.WithError());
        string sub = Path.Combine(_repo.Root, "apps", "webshop-test");

        var r = _repo.RunIn(sub, "validate", "orders/dynamodb/values.yaml");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.StartsWith("orders/dynamodb/values.yaml(12,18): error IDPDYN010: ", r.StdoutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_uses_singular_and_plural_forms()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithWarning(), chartVersion: null);

        var r = _repo.Run("validate", path);

        Assert.Equal("idp-dynamo: 1 file validated: 0 errors, 1 warning, 1 info", r.StdoutLines[^1]);
    }

    [Fact]
    public void The_same_file_given_twice_is_validated_once()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.Run("validate", path, "./" + path, "apps/**/values.yaml");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Single(r.StdoutLines, l => l.Contains("IDPDYN010", StringComparison.Ordinal));
        Assert.DoesNotContain("IDPDYN033", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("idp-dynamo: 1 file validated: 1 error, 0 warnings, 0 infos", r.StdoutLines[^1]);
    }

    [Fact]
    public void Errors_in_application_yaml_scope_name_the_application_yaml()
    {
        // An unknown chartVersion in application.yaml: IDPDYN014 is anchored on the chartVersion value there.
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid(), chartVersion: "9.9.9");

        var r = _repo.Run("validate", path);

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.StartsWith("apps/webshop-test/orders/dynamodb/application.yaml(3,17): info IDPDYN014: Chart version '9.9.9' is unknown", r.StdoutLines[0], StringComparison.Ordinal);
    }
}
