using System;
using System.IO;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>Namespace from the path unless --namespace; chart version from application.yaml, else --chart-version.</summary>
public abstract class NamespaceAndChartVersionTests : IDisposable
{
    private readonly AppsRepository _repo;

    protected NamespaceAndChartVersionTests(CliHostKind host) => _repo = new(host);

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void The_namespace_comes_from_the_path()
    {
        // Roles end with -webshop-test, the file lives under apps/webshop-prod/: IDPDYN080 for both role lists.
        string path = _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-test"));

        var r = _repo.Run("validate", path);

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Contains($"{path}(13,31): error IDPDYN080: Role 'orders-api-webshop-test' does not end with '-webshop-prod'", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{path}(14,32): error IDPDYN080: ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_option_overrides_the_path()
    {
        string path = _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-test"));

        var r = _repo.Run("validate", path, "--namespace", "webshop-test");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("idp-dynamo: 1 file validated: 0 errors, 0 warnings, 0 infos\n", r.Stdout);
    }

    [Fact]
    public void Namespace_option_can_make_a_clean_file_fail()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid("webshop-test"));

        var r = _repo.Run("validate", path, "--namespace", "webshop-prod");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Contains("error IDPDYN080: Role 'orders-api-webshop-test' does not end with '-webshop-prod'", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_apps_in_the_path_the_namespace_is_unknown_once_as_info()
    {
        string a = _repo.AddAt("services/orders", Yaml.Valid());
        string b = _repo.AddAt("services/billing", Yaml.Valid("webshop-test", "Billing"));

        var r = _repo.Run("validate", a, b, "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(r.Stdout, "IDPDYN125"));
        Assert.Contains("\"severity\":\"info\"", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_option_removes_the_unknown_namespace_info()
    {
        string path = _repo.AddAt("services/orders", Yaml.Valid());

        var r = _repo.Run("validate", path, "--namespace", "webshop-test");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.DoesNotContain("IDPDYN125", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_application_yaml_or_option_IDPDYN014_says_the_newest_schema_is_used()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid(), chartVersion: null);

        var r = _repo.Run("validate", path);

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.StartsWith($"{path}(1,1): info IDPDYN014: ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("2.1.11", r.StdoutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_version_option_is_used_when_there_is_no_application_yaml_and_IDPDYN014_goes_away()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid(), chartVersion: null);

        var r = _repo.Run("validate", path, "--chart-version", "2.1.11");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("idp-dynamo: 1 file validated: 0 errors, 0 warnings, 0 infos\n", r.Stdout);
    }

    [Fact]
    public void Chart_version_option_selects_the_schema()
    {
        // 'global' is in the 2.1.10+ schemas (IDPDYN015 info) but not in 2.1.8 (IDPDYN007 error).
        string yaml = "global:\n  region: eu-west-1\n" + Yaml.Valid();
        string path = _repo.AddValues("webshop-test", "orders", yaml, chartVersion: null);

        var old = _repo.Run("validate", path, "--chart-version", "2.1.8");
        var current = _repo.Run("validate", path, "--chart-version", "2.1.11");

        Assert.True(old.ExitCode == 1, old.Describe());
        Assert.StartsWith($"{path}(1,1): error IDPDYN007: Unknown key 'global'", old.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("IDPDYN014", old.Stdout, StringComparison.Ordinal);
        Assert.True(current.ExitCode == 0, current.Describe());
        Assert.DoesNotContain("IDPDYN007", current.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("IDPDYN014", current.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_yaml_wins_over_the_chart_version_option()
    {
        string yaml = "global:\n  region: eu-west-1\n" + Yaml.Valid();
        string path = _repo.AddValues("webshop-test", "orders", yaml, chartVersion: "2.1.8");

        var r = _repo.Run("validate", path, "--chart-version", "2.1.11");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Contains("error IDPDYN007: Unknown key 'global'", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_chart_version_option_is_an_info_at_the_file_start()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid(), chartVersion: null);

        var r = _repo.Run("validate", path, "--chart-version", "9.9.9");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.StartsWith($"{path}(1,1): info IDPDYN014: Chart version '9.9.9' is unknown", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_yaml_pinning_another_chart_skips_the_file()
    {
        string path = _repo.AddValues("webshop-test", "orders", "not: [valid", chartVersion: null);
        File.WriteAllText(_repo.FullPath("apps/webshop-test/orders/dynamodb/application.yaml"), "helm:\n  chart: helm/idp-s3-bucket\n  chartVersion: \"1.0.0\"\n");

        var r = _repo.Run("validate", path, "--verbose");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Contains("application.yaml(2,10): info IDPDYN014: ", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("IDPDYN001", r.Stdout, StringComparison.Ordinal);
    }
}
